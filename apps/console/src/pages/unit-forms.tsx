/** The unit's forms: registration (commitments and a list of initiatives) and reports (summary and the campaign's criteria). */
import { useState, type FormEvent, type ReactNode } from 'react';
import { describeRule, valueProblems, CRITERION_KIND_LABELS, LIMITS, type AttachmentRef } from '@thidua/contracts';
import { ApiError, post } from '../api';
import { METRICS, useT } from '../i18n';
import type { Criterion, Submission } from '../types';
import { ErrorBox, Field } from '../ui';
import { FilePicker } from './attachments';

export function RegistrationForm({
  path,
  previous,
  returnedReason,
  onDone,
}: {
  path: string;
  previous?: Submission;
  returnedReason?: string;
  onDone: () => void;
}) {
  const { t } = useT();
  const [commitments, setCommitments] = useState(previous?.commitments ?? '');
  const [items, setItems] = useState<Array<{ title: string; description: string }>>(
    previous?.initiatives?.map((i) => ({ ...i })) ?? [{ title: '', description: '' }],
  );
  const [error, setError] = useState<unknown>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  const fieldError = (name: string) => local[name] ?? (error instanceof ApiError ? error.field(name) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    // Every empty field is named beside itself; the first one gets the focus.
    const missing: Record<string, string> = {};
    if (!commitments.trim()) missing.commitments = t('required');
    items.forEach((i, n) => {
      if (!i.title.trim()) missing[`initiatives.${n}.title`] = t('required');
      if (!i.description.trim()) missing[`initiatives.${n}.description`] = t('required');
    });
    setLocal(missing);
    if (Object.keys(missing).length) {
      setError(new Error(t('registrationIncomplete')));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('form .field.invalid input, form .field.invalid textarea')?.focus());
      return;
    }
    setBusy(true);
    try {
      await post(`${path}/registration`, {
        commitments: commitments.trim(),
        initiatives: items.map((i) => ({ title: i.title.trim(), description: i.description.trim() })),
        ...(attachments.length ? { attachments } : {}),
      });
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
      <ErrorBox error={error} />
      <Field label={t('commitments')} error={fieldError('commitments')}>
        {(id, d) => (
          <textarea
            id={id}
            aria-describedby={d}
            required
            maxLength={LIMITS.commitments}
            rows={4}
            value={commitments}
            onChange={(e) => setCommitments(e.target.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>
          {t('initiatives')} ({items.length}/20)
        </legend>
        {items.map((it, n) => (
          <div key={n} className="initiative">
            <Field label={`${t('initiativeTitle')} ${n + 1}`} error={fieldError(`initiatives.${n}.title`)}>
              {(id, d) => (
                <input
                  id={id}
                  aria-describedby={d}
                  required
                  maxLength={LIMITS.initiativeTitle}
                  value={it.title}
                  onChange={(e) => setItems(items.map((x, i) => (i === n ? { ...x, title: e.target.value } : x)))}
                />
              )}
            </Field>
            <Field label={`${t('initiativeDescription')} ${n + 1}`} error={fieldError(`initiatives.${n}.description`)}>
              {(id, d) => (
                <textarea
                  id={id}
                  aria-describedby={d}
                  required
                  maxLength={LIMITS.initiativeDescription}
                  rows={2}
                  value={it.description}
                  onChange={(e) => setItems(items.map((x, i) => (i === n ? { ...x, description: e.target.value } : x)))}
                />
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
      <FilePicker onChange={setAttachments} />
      <button type="submit" className="primary" disabled={busy}>
        {t('submit')}
      </button>
    </form>
  );
}

/** Where a report of task `kind` is sent. */
export function reportPath(path: string, kind: string): string {
  if (kind.startsWith('round:')) return `${path}/reports/${encodeURIComponent(kind.slice('round:'.length))}`;
  return `${path}/${kind === 'final-report' ? 'final' : 'interim'}-report`;
}

/**
 * A report: its summary and, in a campaign with criteria, a value per criterion with its unit and rule
 * (the final report states all of them); in a 2019 campaign, the plan's five figures.
 */
export function ReportForm({
  path,
  kind,
  title,
  criteria,
  onDone,
}: {
  path: string;
  kind: string;
  title: string;
  criteria: readonly Criterion[] | null;
  onDone: () => void;
}) {
  const { t, f, l, lang } = useT();
  const [summary, setSummary] = useState('');
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const final = kind === 'final-report';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string> = {};
    const values: Record<string, number> = {};
    if (criteria) {
      for (const c of criteria) {
        const text = (raw[c.id] ?? '').trim().replace(',', '.');
        if (text === '') {
          if (final) p[`values.${c.id}`] = t('required');
          continue;
        }
        const problem = valueProblems(c, Number(text))[0];
        if (problem) p[`values.${c.id}`] = problem.charAt(0).toLocaleUpperCase('vi') + problem.slice(1);
        else values[c.id] = Number(text);
      }
    } else {
      for (const [k, v] of Object.entries(raw)) {
        if (v.trim() === '') continue;
        const n = Number(v.replace(',', '.'));
        const max = k === 'feedbackResponseHours' ? LIMITS.responseHours : LIMITS.percent;
        if (!Number.isFinite(n) || n < 0 || n > max) p[k] = f('numberRange', max);
        else values[k] = n;
      }
    }
    if (!summary.trim()) p.summary = t('required');
    setProblems(p);
    if (Object.keys(p).length) return setError(new Error(t('fixErrors')));
    setError(undefined);
    const figures = Object.keys(values).length ? (criteria ? { values } : { metrics: values }) : {};
    try {
      await post(reportPath(path, kind), { summary: summary.trim(), ...figures, ...(attachments.length ? { attachments } : {}) });
      onDone();
    } catch (err) {
      setError(err);
      // A criterion's problem keeps its whole field ("values.<criterion id>"); the others go by their name.
      if (err instanceof ApiError)
        setProblems({
          ...err.byField(),
          ...Object.fromEntries(err.details.filter((d) => d.field?.startsWith('values.')).map((d) => [d.field!, d.message])),
        });
    }
  };
  const input = (key: string, label: string, hint: string | undefined, control: (id: string, d?: string) => ReactNode) => (
    <Field key={key} label={label} hint={hint} error={problems[key]}>
      {control}
    </Field>
  );
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={title} noValidate>
      <Field label={t('summary')} error={problems.summary}>
        {(id, d) => (
          <textarea
            id={id}
            aria-describedby={d}
            rows={5}
            maxLength={LIMITS.summary}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
        )}
      </Field>
      {criteria ? (
        <fieldset>
          <legend>{t('criteriaCheck')}</legend>
          <p className="muted">{final ? t('finalNeedsAll') : t('roundsHint')}</p>
          {criteria.map((c) => {
            const unit = l(CRITERION_KIND_LABELS, c.kind);
            const hint = `${t('criterionTarget')}: ${describeRule(c.kind, c.rule)}${c.kind === 'yes-no' ? '' : ` · ${unit}`}`;
            const set = (v: string) => setRaw({ ...raw, [c.id]: v });
            return input(`values.${c.id}`, c.title, hint, (id, d) =>
              c.kind === 'yes-no' ? (
                <select
                  id={id}
                  aria-describedby={d}
                  aria-invalid={problems[`values.${c.id}`] ? true : undefined}
                  value={raw[c.id] ?? ''}
                  onChange={(e) => set(e.target.value)}
                >
                  <option value="">{t('choose')}</option>
                  <option value="1">{t('yes')}</option>
                  <option value="0">{t('no')}</option>
                </select>
              ) : (
                <input
                  id={id}
                  aria-describedby={d}
                  aria-invalid={problems[`values.${c.id}`] ? true : undefined}
                  inputMode="decimal"
                  lang={lang}
                  value={raw[c.id] ?? ''}
                  onChange={(e) => set(e.target.value)}
                />
              ),
            );
          })}
        </fieldset>
      ) : (
        Object.keys(METRICS).map((k) =>
          input(k, l(METRICS, k), undefined, (id, d) => (
            <input
              id={id}
              aria-describedby={d}
              inputMode="decimal"
              value={raw[k] ?? ''}
              onChange={(e) => setRaw({ ...raw, [k]: e.target.value })}
            />
          )),
        )
      )}
      <FilePicker onChange={setAttachments} />
      <ErrorBox error={error} />
      <button type="submit" className="primary">
        {t('submit')}
      </button>
    </form>
  );
}
