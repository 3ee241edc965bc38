/** Evidence files: picking and uploading them for a submission, and listing those a submission sent. */
import { useState } from 'react';
import {
  ATTACHMENT_KIND_LABELS,
  formatSize,
  type Attachment,
  type AttachmentKind,
  type AttachmentRef,
  type StoredFile,
} from '@thidua/contracts';
import { ApiError, download, post } from '../api';
import { useT } from '../i18n';

const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** A file uploaded for the submission being written, with the kind the sender gives it. */
type Picked = StoredFile & { kind: AttachmentKind };

/**
 * The files of a submission being written: each is uploaded as soon as it is chosen (checked and scanned by the
 * server, which names the file and why when it refuses one), listed with its size and kind, and removable until sent.
 */
export function FilePicker({
  onChange,
  defaultKind = 'report',
}: {
  onChange: (refs: AttachmentRef[]) => void;
  defaultKind?: AttachmentKind;
}) {
  const { t, l } = useT();
  const [files, setFiles] = useState<Picked[]>([]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const update = (next: Picked[]) => {
    setFiles(next);
    onChange(next.map((f) => ({ fileId: f.id, kind: f.kind })));
  };
  const add = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy(true);
    const refused: string[] = [];
    const added: Picked[] = [];
    for (const file of Array.from(list)) {
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        added.push({ ...(await post<StoredFile>('/api/files', form)), kind: defaultKind });
      } catch (err) {
        refused.push(err instanceof ApiError ? err.message : `${file.name}: ${String(err)}`);
      }
    }
    setErrors(refused);
    update([...files, ...added]);
    setBusy(false);
  };
  return (
    <fieldset className="attachments">
      <legend>{t('attachments')}</legend>
      <p className="muted">{t('attachmentsHint')}</p>
      {files.length > 0 && (
        <ul>
          {files.map((f, n) => (
            <li key={f.id}>
              <span>
                {f.name} <small className="muted">({formatSize(f.size)})</small>
              </span>{' '}
              <select
                aria-label={`${t('attachmentKind')}: ${f.name}`}
                value={f.kind}
                onChange={(e) => update(files.map((x, i) => (i === n ? { ...x, kind: e.target.value as AttachmentKind } : x)))}
              >
                {Object.keys(ATTACHMENT_KIND_LABELS).map((k) => (
                  <option key={k} value={k}>
                    {l(ATTACHMENT_KIND_LABELS, k)}
                  </option>
                ))}
              </select>{' '}
              <button type="button" className="link" onClick={() => update(files.filter((_, i) => i !== n))}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.map((e) => (
        <p key={e} className="error" role="alert">
          {e}
        </p>
      ))}
      <label>
        {t('chooseFiles')}{' '}
        <input
          type="file"
          aria-label={t('chooseFiles')}
          multiple
          accept={ACCEPT}
          disabled={busy}
          onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))}
        />
        {busy && <span className="muted"> {t('uploading')}</span>}
      </label>
    </fieldset>
  );
}

/** The files a submission sent, each downloadable by those who may see it. */
export function AttachmentList({ campaignId, files }: { campaignId: string; files: readonly Attachment[] | undefined }) {
  const { t, l } = useT();
  const [error, setError] = useState<string>();
  if (!files?.length) return null;
  return (
    <div className="attachment-list">
      <h4>{t('filesSent')}</h4>
      <ul>
        {files.map((f) => (
          <li key={f.id}>
            <button
              type="button"
              className="link"
              onClick={() => void download(`/api/campaigns/${campaignId}/files/${f.id}`, f.name).catch((e: Error) => setError(e.message))}
            >
              {f.name}
            </button>{' '}
            <small className="muted">
              {l(ATTACHMENT_KIND_LABELS, f.kind)}
              {f.form ? ` (${f.form})` : ''} · {formatSize(f.size)} · SHA-256 {f.sha256.slice(0, 12)}…
            </small>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A nominee's achievement report: one file and the decree's template it follows ("Mẫu số 05"). */
export function ReportPicker({
  onChange,
  fieldError,
}: {
  onChange: (ref: { fileId: string; form: string } | undefined) => void;
  fieldError?: string;
}) {
  const { t } = useT();
  const [file, setFile] = useState<StoredFile>();
  const [form, setForm] = useState('Mẫu số 05');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const tell = (f: StoredFile | undefined, template: string) => onChange(f ? { fileId: f.id, form: template } : undefined);
  const choose = async (list: FileList | null) => {
    const chosen = list?.[0];
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    const data = new FormData();
    data.append('file', chosen, chosen.name);
    try {
      const stored = await post<StoredFile>('/api/files', data);
      setFile(stored);
      tell(stored, form);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="attachments">
      <legend>{t('achievementReport')}</legend>
      {file && (
        <p>
          {file.name} <small className="muted">({formatSize(file.size)})</small>
        </p>
      )}
      <label>
        {t('chooseFile')}{' '}
        <input type="file" aria-label={t('chooseFile')} accept={ACCEPT} disabled={busy} onChange={(e) => void choose(e.target.files)} />
      </label>
      <label>
        {t('reportTemplate')}{' '}
        <input
          value={form}
          maxLength={40}
          onChange={(e) => {
            setForm(e.target.value);
            tell(file, e.target.value);
          }}
        />
      </label>
      {(error ?? fieldError) && (
        <p className="error" role="alert">
          {error ?? fieldError}
        </p>
      )}
    </fieldset>
  );
}
