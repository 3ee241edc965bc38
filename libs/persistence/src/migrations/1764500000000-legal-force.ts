import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Papers with legal force:
 * - `legal_texts`: the texts admins add when the law changes (the shipped ones live in the code); each added
 *   by a `LegalTextAdded` event in its own stream, this table its projection;
 * - `signing_credentials`: each organisation's signing certificate (PKCS#12) and its password, encrypted
 *   with AES-256-GCM under SIGNING_KEY, and the images of the visible signature. The key material never
 *   enters the log: the log records that a certificate was set (subject, fingerprint, validity).
 */
export class LegalForce1764500000000 implements MigrationInterface {
  name = 'LegalForce1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE legal_texts (
      id text PRIMARY KEY,
      text jsonb NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      added_by text NOT NULL,
      removed_at timestamptz
    )`);
    await q.query(`CREATE TABLE signing_credentials (
      org_id text PRIMARY KEY REFERENCES organisations (id),
      sealed bytea NOT NULL,
      subject text NOT NULL,
      fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
      not_before timestamptz NOT NULL,
      not_after timestamptz NOT NULL,
      signature_image bytea,
      seal_image bytea,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE signing_credentials');
    await q.query('DROP TABLE legal_texts');
  }
}
