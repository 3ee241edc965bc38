/** The unit's forms: registration (commitments and a list of initiatives) and reports (summary and metrics). */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../libs/contracts/src/campaign/limits';
import { ApiError, post } from '../api';
import { METRICS, useT } from '../i18n';
import type { Submission } from '../types';
import { ErrorBox, Field } from '../ui';

export function RegistrationForm({ path, previous, returnedReason, onDone }: { path: string; previous?: Submission; returnedReason?: string; onDone: () => void }) {
  const { t } = useT();
  const [commitments, setCommitments] = useState(previous?.commitments ?? '');
  const [items, setItems] = useState<Array<{ title: string; description: string }>>(previous?.initiatives?.map((i) => ({ ...i })) ?? [{ title: '', description: '' }]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.field(name) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (!commitments.trim() || items.some((i) => !i.title.trim() || !i.description.trim())) {
      return setError(new Error(t('registrationIncomplete')));
    }
    setBusy(true);
    try {
      await post(`${path}/registration`, { commitments: commitments.trim(), initiatives: items.map((i) => ({ title: i.title.trim(), description: i.description.trim() })) });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('registration')} noValidate>
      {returnedReason && (
        <p className="alert">
          {t('returnedReason')}: {returnedReason}
        </p>
      )}
      <Field label={t('commitments')} error={fieldError('commitments')}>
        {(id, d) => <textarea id={id} aria-describedby={d} required maxLength={LIMITS.commitments} rows={4} value={commitments} onChange={(e) => setCommitments(e.target.value)} />}
      </Field>
      <fieldset>
        <legend>
          {t('initiatives')} ({items.length}/20)
        </legend>
        {items.map((it, n) => (
          <div key={n} className="initiative">
            <Field label={`${t('initiativeTitle')} ${n + 1}`} error={fieldError(`initiatives.${n}.title`)}>
              {(id, d) => <input id={id} aria-describedby={d} required maxLength={LIMITS.initiativeTitle} value={it.title} onChange={(e) => setItems(items.map((x, i) => (i === n ? { ...x, title: e.target.value } : x)))} />}
            </Field>
            <Field label={`${t('initiativeDescription')} ${n + 1}`} error={fieldError(`initiatives.${n}.description`)}>
              {(id, d) => (
                <textarea id={id} aria-describedby={d} required maxLength={LIMITS.initiativeDescription} rows={2} value={it.description} onChange={(e) => setItems(items.map((x, i) => (i === n ? { ...x, description: e.target.value } : x)))} />
              )}
            </Field>
            {items.length > 1 && (
              <button type="button" onClick={() => setItems(items.filter((_, i) => i !== n))}>
                {t('remove')} {n + 1}
              </button>
            )}
          </div>
        ))}
        {items.length < 20 && (
          <button type="button" onClick={() => setItems([...items, { title: '', description: '' }])}>
            {t('addInitiative')}
          </button>
        )}
      </fieldset>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('submit')}
      </button>
    </form>
  );
}

export function ReportForm({ path, stage, onDone }: { path: string; stage: 'interim' | 'final'; onDone: () => void }) {
  const { t, f, l } = useT();
  const [summary, setSummary] = useState('');
  const [metrics, setMetrics] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string> = {};
    const values: Record<string, number> = {};
    for (const [k, raw] of Object.entries(metrics)) {
      if (raw.trim() === '') continue;
      const v = Number(raw);
      const max = k === 'feedbackResponseHours' ? 8760 : 100;
      if (!Number.isFinite(v) || v < 0 || v > max) p[k] = f('numberRange', max);
      else values[k] = v;
    }
    if (!summary.trim()) p.summary = t('required');
    setProblems(p);
    if (Object.keys(p).length) return setError(new Error(t('fixErrors')));
    setError(undefined);
    try {
      await post(`${path}/${stage}-report`, { summary: summary.trim(), ...(Object.keys(values).length ? { metrics: values } : {}) });
      onDone();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setProblems(err.byField());
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={stage === 'final' ? t('finalReport') : t('interimReport')} noValidate>
      <Field label={t('summary')} error={problems.summary}>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={5} maxLength={LIMITS.summary} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </Field>
      {Object.keys(METRICS).map((k) => (
        <Field key={k} label={l(METRICS, k)} error={problems[k]}>
          {(id, d) => (
            <input id={id} aria-describedby={d} type="number" inputMode="decimal" min={0} max={k === 'feedbackResponseHours' ? LIMITS.responseHours : LIMITS.percent} step="any" value={metrics[k] ?? ''} onChange={(e) => setMetrics({ ...metrics, [k]: e.target.value })} />
          )}
        </Field>
      ))}
      <ErrorBox error={error} />
      <button type="submit" className="primary">
        {t('submit')}
      </button>
    </form>
  );
}
