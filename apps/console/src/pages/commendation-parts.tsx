/** Pieces both commendation pages use: sending a command with its refusal beside the fields, the papers, a ballot's result. */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { ApiError, download, loadSession, plainMessage } from '../api';
import { today } from '../format';
import { useT } from '../i18n';
import { ErrorBox } from '../ui';
import type { CommendationForm, Nominee } from '@thidua/contracts';

export const TZ = 'Asia/Ho_Chi_Minh';
const PAPERS = [
  ['danh-sach', 'Danh sách đề nghị khen thưởng'],
  ['bien-ban', 'Biên bản họp Hội đồng'],
  ['to-trinh', 'Tờ trình'],
  ['quyet-dinh', 'Quyết định'],
  ['giay-khen', 'Giấy khen'],
] as const;

/** The message of a field from an API refusal (`details[].field`, or a field under it), for the field itself. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const problem = error.details.find((d) => d.field === field || d.field?.startsWith(`${field}.`));
  return problem && plainMessage(problem);
}

export const formTitle = (forms: readonly CommendationForm[], id: string): string => forms.find((f) => f.id === id)?.title ?? id;

/** Sending one command: busy while it runs, its refusal kept for the form to show, `onDone` after it succeeds. */
export function useSend(onDone: () => void): { error: unknown; busy: boolean; send: (run: () => Promise<unknown>) => void } {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const send = (run: () => Promise<unknown>): void => {
    setBusy(true);
    setError(undefined);
    run().then(
      () => {
        setBusy(false);
        onDone();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };
  return { error, busy, send };
}

/** The refusal above a form's buttons, unless it names fields (then each field shows its own). */
export function FormError({ error }: { error: unknown }) {
  return error instanceof ApiError && error.details.some((d) => d.field) ? null : <ErrorBox error={error} />;
}

/** A form that sends once and shows the refusal beside its fields or above its button. */
/** The page shows a stage the person may only read: no action is offered. */
export const ReadOnly = createContext(false);

export function Action({
  label,
  run,
  children,
  onDone,
}: {
  label: string;
  run: () => Promise<unknown>;
  children?: (error: unknown) => ReactNode;
  onDone: () => void;
}) {
  const { error, busy, send } = useSend(onDone);
  const readOnly = useContext(ReadOnly);
  if (readOnly) return null;
  return (
    <form
      className="action"
      onSubmit={(e) => {
        e.preventDefault();
        send(run);
      }}
    >
      {children?.(error)}
      <FormError error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
    </form>
  );
}

/** Opens a PDF the API serves (with the session's token) in a new tab, or downloads it. */
async function openPdf(path: string, filename: string, save: boolean): Promise<void> {
  if (save) return download(path, filename);
  const session = loadSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  if (!res.ok)
    throw new ApiError(res.status, ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `Lỗi ${res.status}`);
  window.open(URL.createObjectURL(await res.blob()), '_blank');
}

export function Papers({
  campaignId,
  nominations,
  nominee,
  only,
  draft,
}: {
  campaignId: string;
  nominations: number;
  nominee?: string;
  only?: readonly string[];
  /** The list is posted and no decision issued: the draft decision (dự thảo), dated as chosen, can be had. */
  draft?: boolean;
}) {
  const { t } = useT();
  const [error, setError] = useState<unknown>();
  const [draftOn, setDraftOn] = useState(() => today(TZ));
  const base = `/api/campaigns/${campaignId}/commendation`;
  return (
    <section>
      <h2>{t('papers')}</h2>
      <ul className="papers">
        {PAPERS.filter(([id]) => !only || only.includes(id)).map(([id, title]) => {
          const path = `${base}/papers/${id}.pdf${nominee && id === 'giay-khen' ? `?nominee=${encodeURIComponent(nominee)}` : ''}`;
          return (
            <li key={id}>
              {title}{' '}
              <button type="button" onClick={() => void openPdf(path, `${id}-${campaignId}.pdf`, false).catch(setError)}>
                {t('preview')}
              </button>{' '}
              <button type="button" onClick={() => void openPdf(path, `${id}-${campaignId}.pdf`, true).catch(setError)}>
                {t('downloadPdf')}
              </button>
            </li>
          );
        })}
        {draft && (
          <li>
            {t('draftDecision')}{' '}
            <label>
              {t('draftDate')} <input type="date" value={draftOn} onChange={(e) => setDraftOn(e.target.value)} />
            </label>{' '}
            <button
              type="button"
              onClick={() =>
                void openPdf(`${base}/papers/quyet-dinh.pdf?draft=${draftOn}`, `du-thao-quyet-dinh-${campaignId}.pdf`, true).catch(setError)
              }
            >
              {t('downloadPdf')}
            </button>
          </li>
        )}
      </ul>
      {!only && nominations > 0 && (
        <button
          type="button"
          onClick={() => void download(`${base}/list.xlsx`, `danh-sach-khen-thuong-${campaignId}.xlsx`).catch(setError)}
        >
          {t('downloadList')}
        </button>
      )}
      <ErrorBox error={error} />
    </section>
  );
}

/** A nominee's ballot in a badge: passed or not, the counts and the share, the votes needed. */
export function Result({ nominee }: { nominee: Nominee }) {
  const { t } = useT();
  if (nominee.status === 'removed') return <span className="badge">{t('removed')}</span>;
  if (!nominee.vote) return <span className="badge">{t('notVoted')}</span>;
  const v = nominee.vote;
  return (
    <span className={`badge ${v.passed ? 'ok' : 'late'}`}>
      {v.passed ? t('passed') : t('rejected')} · {v.counted ?? v.inFavour}/{v.members} ({String(v.percent).replace('.', ',')}%, {v.needed})
      {v.written && ` · ${t('writtenShort')} ${v.written.inFavour}/${v.written.received}`}
    </span>
  );
}
