/**
 * The law as the installation knows it (the shipped texts and those admins added, each added or removed by an
 * event in its own stream; `legal_texts` is the projection), and the organisations' signing credentials
 * (sealed: the key material never enters the log, which records only that a certificate was set).
 */
import type { EntityManager } from 'typeorm';
import { BUILT_IN_LEGAL_TEXTS, type LegalText } from '@thidua/contracts';
import { appendAtEnd, streams } from './event-store';
import type { Sql } from './sql';

/** The texts in use: the shipped ones and those added and not removed. */
export async function listLegalTexts(db: Sql): Promise<LegalText[]> {
  const rows: Array<{ text: LegalText }> = await db.query('SELECT text FROM legal_texts WHERE removed_at IS NULL ORDER BY added_at');
  return [...BUILT_IN_LEGAL_TEXTS, ...rows.map((r) => r.text)];
}

/** Adds a text (its id free among the shipped and added ones); false when the id is taken. */
export async function addLegalText(m: EntityManager, text: LegalText, actor: string, at: string): Promise<boolean> {
  if (BUILT_IN_LEGAL_TEXTS.some((t) => t.id === text.id)) return false;
  const rows: unknown[] = await m.query(
    'INSERT INTO legal_texts (id, text, added_at, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id',
    [text.id, JSON.stringify(text), at, actor],
  );
  if (!rows.length) return false;
  await appendAtEnd(m, streams.legalText(text.id), { type: 'LegalTextAdded', at, data: { text, actor } });
  return true;
}

/** Removes an added text (shipped ones stay); false when there is no such added text in use. */
export async function removeLegalText(m: EntityManager, id: string, actor: string, at: string): Promise<boolean> {
  // A CTE: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
  const rows: unknown[] = await m.query(
    'WITH u AS (UPDATE legal_texts SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL RETURNING id) SELECT id FROM u',
    [id, at],
  );
  if (!rows.length) return false;
  await appendAtEnd(m, streams.legalText(id), { type: 'LegalTextRemoved', at, data: { id, actor } });
  return true;
}

/** An organisation's signing credential as stored: sealed, with what may be shown of it. */
export interface CredentialRow {
  readonly orgId: string;
  readonly sealed: Buffer;
  readonly subject: string;
  readonly fingerprint: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly signatureImage: Buffer | null;
  readonly sealImage: Buffer | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

type RawCredential = {
  org_id: string;
  sealed: Buffer;
  subject: string;
  fingerprint: string;
  not_before: Date;
  not_after: Date;
  signature_image: Buffer | null;
  seal_image: Buffer | null;
  updated_at: Date;
  updated_by: string;
};

export async function findCredential(db: Sql, orgId: string): Promise<CredentialRow | undefined> {
  const rows: RawCredential[] = await db.query('SELECT * FROM signing_credentials WHERE org_id = $1', [orgId]);
  const r = rows[0];
  return (
    r && {
      orgId: r.org_id,
      sealed: r.sealed,
      subject: r.subject,
      fingerprint: r.fingerprint,
      notBefore: r.not_before.toISOString(),
      notAfter: r.not_after.toISOString(),
      signatureImage: r.signature_image,
      sealImage: r.seal_image,
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.updated_by,
    }
  );
}

/** Sets (or replaces) an organisation's credential, and records that it did in the organisation's stream. */
export async function saveCredential(m: EntityManager, c: Omit<CredentialRow, 'updatedAt'>, at: string): Promise<void> {
  await m.query(
    `INSERT INTO signing_credentials (org_id, sealed, subject, fingerprint, not_before, not_after, signature_image, seal_image, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (org_id) DO UPDATE SET sealed = $2, subject = $3, fingerprint = $4, not_before = $5, not_after = $6,
       signature_image = $7, seal_image = $8, updated_at = $9, updated_by = $10`,
    [c.orgId, c.sealed, c.subject, c.fingerprint, c.notBefore, c.notAfter, c.signatureImage, c.sealImage, at, c.updatedBy],
  );
  await appendAtEnd(m, streams.organisation(c.orgId), {
    type: 'SigningCertificateSet',
    at,
    data: { subject: c.subject, fingerprint: c.fingerprint, notBefore: c.notBefore, notAfter: c.notAfter, actor: c.updatedBy },
  });
}

/** Removes an organisation's credential; false when it had none. */
export async function deleteCredential(m: EntityManager, orgId: string, actor: string, at: string): Promise<boolean> {
  // A CTE: TypeORM answers a bare DELETE … RETURNING as [rows, count].
  const rows: Array<{ fingerprint: string }> = await m.query(
    'WITH d AS (DELETE FROM signing_credentials WHERE org_id = $1 RETURNING fingerprint) SELECT fingerprint FROM d',
    [orgId],
  );
  if (!rows.length) return false;
  await appendAtEnd(m, streams.organisation(orgId), {
    type: 'SigningCertificateRemoved',
    at,
    data: { fingerprint: rows[0].fingerprint, actor },
  });
  return true;
}
