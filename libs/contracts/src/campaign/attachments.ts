/**
 * Evidence files (hồ sơ kèm theo): a scanned, signed and stamped paper or its proof, attached to a submission.
 * A file is uploaded once, checked (its type read from its content, its size, a virus scan) and stored under
 * its own id, never changed: a correction is a new file. The events that send a submission record each
 * attachment whole (name, kind, size, media type, SHA-256), so the log alone says what was sent. Pure.
 */
import { valuesOf, type Label } from './labels';

/** What a file is, as the open TĐKT systems type their attachments. */
export type AttachmentKind =
  'proposal' | 'report' | 'achievement-report' | 'minutes' | 'initiative' | 'decision' | 'opinion' | 'photo' | 'other';

/** Each kind as a person reads it (Vietnamese, English). */
export const ATTACHMENT_KIND_LABELS = {
  proposal: ['Tờ trình', 'Proposal'],
  report: ['Báo cáo', 'Report'],
  'achievement-report': ['Báo cáo thành tích', 'Achievement report'],
  minutes: ['Biên bản', 'Minutes'],
  initiative: ['Sáng kiến, giải pháp', 'Initiative'],
  decision: ['Quyết định', 'Decision'],
  opinion: ['Ý kiến', 'Written opinion'],
  photo: ['Hình ảnh', 'Photo'],
  other: ['Tài liệu khác', 'Other document'],
} as const satisfies Record<AttachmentKind, Label>;

export const ATTACHMENT_KINDS: readonly AttachmentKind[] = valuesOf(ATTACHMENT_KIND_LABELS);

/** The media types accepted, as read from a file's content, and how a person names each. */
export const ATTACHMENT_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
  'image/jpeg': 'ảnh JPEG',
  'image/png': 'ảnh PNG',
};

/** One stored file as its upload answers and as an event records it. */
export interface StoredFile {
  /** The file's id (a UUID), its key in the store. */
  readonly id: string;
  /** Its name as sent, made safe (no path, no control characters). */
  readonly name: string;
  readonly size: number;
  /** Read from the content, never from the name. */
  readonly mediaType: string;
  /** Hex SHA-256 of the bytes stored. */
  readonly sha256: string;
}

/** A file attached to a submission. */
export interface Attachment extends StoredFile {
  readonly kind: AttachmentKind;
  /** The decree's template it follows, for an achievement report or a proposal: "Mẫu số 05". */
  readonly form?: string;
}

/** A reference to an uploaded file, as a caller attaches it. */
export interface AttachmentRef {
  readonly fileId: string;
  readonly kind: AttachmentKind;
  readonly form?: string;
}

/** Bounds of attachments (the byte limits are the API's configuration: FILE_MAX_MB, SUBMISSION_MAX_MB). */
export const ATTACHMENT_LIMITS = {
  /** Files attached to one submission. */
  perSubmission: 20,
  /** A file's name, and a template's number ("Mẫu số 05"). */
  name: 200,
  form: 40,
} as const;

/** "2,4 MB": a size as a person reads it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** "Báo cáo thành tích (Mẫu số 05): bao-cao.pdf, 2,4 MB" — an attachment in a sentence (lists, papers). */
export function describeAttachment(a: Attachment): string {
  const kind = ATTACHMENT_KIND_LABELS[a.kind]?.[0] ?? a.kind;
  return `${kind}${a.form ? ` (${a.form})` : ''}: ${a.name}, ${formatSize(a.size)}`;
}

/** Every attachment an event's data names (the submissions, nominations, objections and minutes that carry files). */
export function attachmentsIn(data: unknown): Attachment[] {
  if (!data || typeof data !== 'object') return [];
  const d = data as {
    attachments?: Attachment[];
    nominee?: { achievementReport?: Attachment };
    objection?: { attachments?: Attachment[] };
  };
  return [
    ...(d.attachments ?? []),
    ...(d.nominee?.achievementReport ? [d.nominee.achievementReport] : []),
    ...(d.objection?.attachments ?? []),
  ];
}

const SHA256 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What is wrong with a submission's attachments, in Vietnamese; empty when nothing is. */
export function attachmentProblems(list: unknown): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return ['attachments: phải là danh sách tệp'];
  if (list.length > ATTACHMENT_LIMITS.perSubmission) return [`attachments: tối đa ${ATTACHMENT_LIMITS.perSubmission} tệp cho một lần gửi`];
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((a: Partial<Attachment> | undefined, n) => {
    const at = `attachments[${n}]`;
    if (!a || typeof a !== 'object') return void problems.push(`${at}: không phải một tệp`);
    if (typeof a.id !== 'string' || !UUID.test(a.id)) problems.push(`${at}.id: không phải mã tệp`);
    else if (seen.has(a.id)) problems.push(`${at}: tệp "${a.name}" được đính kèm hai lần`);
    else seen.add(a.id);
    if (typeof a.name !== 'string' || !a.name || a.name.length > ATTACHMENT_LIMITS.name) problems.push(`${at}.name: thiếu hoặc quá dài`);
    if (!ATTACHMENT_KINDS.includes(a.kind as AttachmentKind))
      problems.push(`${at}.kind: loại tệp phải là một trong ${ATTACHMENT_KINDS.join(', ')}`);
    if (!Number.isSafeInteger(a.size) || (a.size as number) < 1) problems.push(`${at}.size: không hợp lệ`);
    if (typeof a.mediaType !== 'string' || !(a.mediaType in ATTACHMENT_MEDIA_TYPES))
      problems.push(`${at}.mediaType: định dạng không được nhận`);
    if (typeof a.sha256 !== 'string' || !SHA256.test(a.sha256)) problems.push(`${at}.sha256: không hợp lệ`);
    if (a.form !== undefined && (typeof a.form !== 'string' || !a.form.trim() || a.form.length > ATTACHMENT_LIMITS.form))
      problems.push(`${at}.form: số hiệu mẫu phải có 1–${ATTACHMENT_LIMITS.form} ký tự`);
  });
  return problems;
}
