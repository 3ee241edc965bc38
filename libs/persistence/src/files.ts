/** The stored files' facts (the `files` table): written once at upload, read when a submission attaches them. */
import type { EntityManager } from 'typeorm';
import type { StoredFile } from '@thidua/contracts';

/** A stored file and who uploaded it. */
export interface FileRow extends StoredFile {
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

export async function insertFile(m: EntityManager, file: StoredFile, uploadedBy: string): Promise<FileRow> {
  const rows: Array<{ uploaded_at: Date }> = await m.query(
    'INSERT INTO files (id, name, size, media_type, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING uploaded_at',
    [file.id, file.name, file.size, file.mediaType, file.sha256, uploadedBy],
  );
  return { ...file, uploadedBy, uploadedAt: rows[0].uploaded_at.toISOString() };
}

/** The files of these ids that exist. */
export async function findFiles(m: EntityManager, ids: readonly string[]): Promise<FileRow[]> {
  if (!ids.length) return [];
  const rows: Array<{
    id: string;
    name: string;
    size: string;
    media_type: string;
    sha256: string;
    uploaded_by: string;
    uploaded_at: Date;
  }> = await m.query('SELECT id, name, size, media_type, sha256, uploaded_by, uploaded_at FROM files WHERE id = ANY($1::uuid[])', [ids]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    size: Number(r.size),
    mediaType: r.media_type,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at.toISOString(),
  }));
}

/** Every event of a campaign that names the file, with the stream it is in (the file's access follows them). */
export async function eventsNamingFile(
  m: EntityManager,
  campaignId: string,
  fileId: string,
): Promise<Array<{ stream: string; unitId: string | null; type: string; data: unknown }>> {
  const rows: Array<{ stream: string; unit_id: string | null; type: string; data: unknown }> = await m.query(
    `SELECT stream, unit_id, type, data FROM events
      WHERE campaign_id = $1 AND type = ANY($2::text[]) AND strpos(data::text, $3) > 0 ORDER BY position`,
    [campaignId, FILE_EVENT_TYPES, fileId],
  );
  return rows.map((r) => ({ stream: r.stream, unitId: r.unit_id, type: r.type, data: r.data }));
}

/** The event types that can attach files. */
export const FILE_EVENT_TYPES = [
  'RegistrationSubmitted',
  'ReportSubmitted',
  'NominationProposed',
  'IndividualNominated',
  'ObjectionRaised',
  'MinutesAttached',
] as const;
