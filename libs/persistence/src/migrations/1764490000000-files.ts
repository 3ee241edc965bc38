import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files: each stored file's facts, written once when it is uploaded and never changed (a correction
 * is a new file). The bytes are in the file store (a folder or an S3 bucket) under the row's id. Like the
 * campaigns' definitions, a document beside the log, not a projection: the events that attach a file record
 * its facts again, whole.
 */
export class Files1764490000000 implements MigrationInterface {
  name = 'Files1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE files (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      size bigint NOT NULL CHECK (size > 0),
      media_type text NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX files_uploaded_by ON files (uploaded_by, uploaded_at)');
    await q.query(`CREATE FUNCTION files_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'files are written once'; END $$`);
    await q.query('CREATE TRIGGER files_written_once BEFORE UPDATE ON files FOR EACH ROW EXECUTE FUNCTION files_written_once()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE files');
    await q.query('DROP FUNCTION files_written_once');
  }
}
