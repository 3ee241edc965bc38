/**
 * The campaign designer: paste a plan (Kế hoạch), read it into a draft, see each value beside the words of
 * the plan it came from (highlighted), answer what the plan leaves vague, edit criteria, report rounds,
 * meetings and units, then save it as a template or launch it.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { CampaignDefinition, UnitRef } from '@thidua/contracts';
import type { PlanImport } from '@thidua/planning';
import { api, ApiError, get, post, type Session } from '../api';
import { MILESTONES, UNIT_KINDS, useT } from '../i18n';
import { useRoute } from '../router';
import type { DirectoryUnit, TemplateSummary } from '../types';
import { DateTimeInput, ErrorBox, Field, useData } from '../ui';
import { definitionOf, draftFromDefinition, draftOf, MILESTONE_FIELDS, type Draft } from './designer-draft';
import { CriteriaRows, DatedRows } from './plan-editors';
import { LaunchConfirm } from './unit-picker';

/** The plan's text with each quoted phrase marked: evidence of a value, or something left to decide. */
function MarkedText({ text, result }: { text: string; result: PlanImport }) {
  const marks = useMemo(() => {
    const found: Array<{ start: number; end: number; kind: 'evidence' | 'unresolved'; note: string }> = [];
    const add = (quote: string, kind: 'evidence' | 'unresolved', note: string) => {
      const start = text.indexOf(quote);
      if (start < 0 || !quote) return;
      const end = start + quote.length;
      if (found.some((m) => start < m.end && end > m.start)) return; // the first mark of a phrase wins
      found.push({ start, end, kind, note });
    };
    for (const e of result.evidence) add(e.quote, 'evidence', e.path);
    for (const u of result.unresolved) add(u.quote, 'unresolved', u.what);
    return found.sort((a, b) => a.start - b.start);
  }, [text, result]);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    parts.push(text.slice(at, m.start));
    parts.push(
      <mark key={m.start} className={m.kind} title={m.note}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  const { t } = useT();
  // Scrollable, so it must be reachable by keyboard too.
  return (
    <div className="plan-text pre" tabIndex={0} role="region" aria-label={t('designerPlan')}>
      {parts}
    </div>
  );
}

export function Designer({ session }: { session: Session }) {
  const { t, f, l } = useT();
  const { go } = useRoute();
  const directory = useData(() => get<DirectoryUnit[]>('/api/units'), []);
  const [confirming, setConfirming] = useState(false);
  const templates = useData(() => get<TemplateSummary[]>('/api/campaign-templates'), []);
  const [choice, setChoice] = useState('');
  const [opened, setOpened] = useState<{ summary: TemplateSummary; units: readonly UnitRef[] }>();
  const [text, setText] = useState('');
  const [result, setResult] = useState<PlanImport>();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const [reading, setReading] = useState(false);
  const set = (p: Partial<Draft>) => setDraft(draft && { ...draft, ...p });

  /** Reads a plan (its pasted text, or a file whose text then fills the box) into the draft. */
  const readPlan = async (request: () => Promise<PlanImport & { text?: string }>) => {
    setError(undefined);
    setSaved(undefined);
    setReading(true);
    try {
      const r = await request();
      if (r.text !== undefined) setText(r.text);
      setResult(r);
      setOpened(undefined);
      setDraft(draftOf(r));
    } catch (err) {
      setError(err);
    } finally {
      setReading(false);
    }
  };
  const read = () => readPlan(() => post<PlanImport>('/api/plan-imports', { text }));
  const readFile = (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return readPlan(() => post<PlanImport & { text: string }>('/api/plan-imports/file', form));
  };
  const open = async () => {
    const summary = templates.data?.find((x) => x.id === choice);
    if (!summary) return;
    setError(undefined);
    setSaved(undefined);
    try {
      const d = await get<CampaignDefinition>(`/api/campaign-templates/${encodeURIComponent(summary.id)}`);
      setResult(undefined);
      setOpened({ summary, units: d.units });
      setDraft(draftFromDefinition(d));
    } catch (err) {
      setError(err);
    }
  };
  // The units to save: the directory's, and the template's own for those not in the directory.
  const known = new Map<string, UnitRef>([
    ...(opened?.units ?? []).map((u) => [u.id, u] as const),
    ...(directory.data ?? []).map((u) => [u.id, u] as const),
  ]);
  const unitsChosen = [...(draft?.units ?? [])].filter((id) => known.has(id)).map((id) => known.get(id)!);
  const refs = unitsChosen.map(({ id, name, kind, headEmail, contactEmail }) => ({
    id,
    name,
    kind,
    ...(headEmail ? { headEmail } : {}),
    ...(contactEmail ? { contactEmail } : {}),
  }));
  const saveTemplate = async () => {
    if (!draft) return;
    setError(undefined);
    try {
      const r = await post<TemplateSummary>('/api/campaign-templates', {
        title: draft.title || draft.code,
        definition: definitionOf(draft, refs),
      });
      setSaved(f('designerSaved', r.id, r.version));
      setOpened({ summary: r, units: refs });
      templates.reload();
    } catch (err) {
      setError(err);
    }
  };
  const saveVersion = async () => {
    if (!draft || !opened) return;
    setError(undefined);
    try {
      const r = await api<TemplateSummary>('PUT', `/api/campaign-templates/${encodeURIComponent(opened.summary.id)}`, {
        title: draft.title,
        definition: definitionOf(draft, refs),
        baseVersion: opened.summary.version,
      });
      setSaved(f('designerSaved', r.id, r.version));
      setOpened({ summary: r, units: refs });
      templates.reload();
    } catch (err) {
      setError(err);
    }
  };
  const launch = async () => {
    if (!draft) return;
    setConfirming(false);
    setError(undefined);
    try {
      await post('/api/campaigns', { definition: definitionOf(draft, [...draft.units]) });
      go(`/campaigns/${draft.code}`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>{t('designer')}</h1>
      <div className="designer">
        <section aria-label={t('designerPlan')} className="designer-plan">
          <Field label={t('designerPaste')} hint={t('designerPasteHint')}>
            {(id) => <textarea id={id} rows={12} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <button type="button" className="primary" disabled={!text.trim() || reading} onClick={() => void read()}>
            {t('designerRead')}
          </button>
          <Field label={t('designerFile')} hint={reading ? t('designerFileReading') : t('designerFileHint')}>
            {(id, described) => (
              <input
                id={id}
                type="file"
                aria-describedby={described}
                accept=".docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
                disabled={reading}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void readFile(file);
                }}
              />
            )}
          </Field>
          {templates.data && templates.data.length > 0 && (
            <div className="open-template">
              <Field label={t('designerOpen')}>
                {(id) => (
                  <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
                    <option value="">{t('choose')}</option>
                    {templates.data!.map((tp) => (
                      <option key={tp.id} value={tp.id}>
                        {tp.title} · {f('templateShape', tp.version, tp.reports, tp.criteria)}
                        {tp.orgId !== session.orgId ? ` (${t('templateFromAbove')})` : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="button" disabled={!choice} onClick={() => void open()}>
                {t('designerOpenButton')}
              </button>
            </div>
          )}
          {result && <MarkedText text={text} result={result} />}
        </section>
        {draft && (
          <section aria-label={t('designerDraft')} className="designer-draft">
            {result && result.unresolved.length > 0 && (
              <div className="panel unresolved" role="region" aria-label={t('designerUnresolved')}>
                <h2>{t('designerUnresolved')}</h2>
                <ul>
                  {result.unresolved.map((u, i) => (
                    <li key={i}>
                      <strong>{u.what}</strong>: “{u.quote}”
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <Field label={t('code')}>{(id) => <input id={id} value={draft.code} onChange={(e) => set({ code: e.target.value })} />}</Field>
            <Field label={t('title')}>
              {(id) => <input id={id} value={draft.title} onChange={(e) => set({ title: e.target.value })} />}
            </Field>
            <Field label={t('designerIssuer')}>
              {(id) => <input id={id} value={draft.issuer} onChange={(e) => set({ issuer: e.target.value })} />}
            </Field>
            <Field label={t('designerCoordinator')}>
              {(id) => <input id={id} value={draft.coordinator} onChange={(e) => set({ coordinator: e.target.value })} />}
            </Field>
            <fieldset>
              <legend>{t('milestones')}</legend>
              {MILESTONE_FIELDS.map((k) => (
                <Field key={k} label={l(MILESTONES, k)}>
                  {(id) => (
                    <DateTimeInput
                      id={id}
                      value={draft.milestones[k]}
                      onChange={(v) => set({ milestones: { ...draft.milestones, [k]: v } })}
                    />
                  )}
                </Field>
              ))}
            </fieldset>
            <div className="field checkbox">
              <input
                id="designer-working-days"
                type="checkbox"
                checked={draft.workingDays}
                onChange={(e) => set({ workingDays: e.target.checked })}
              />
              <label htmlFor="designer-working-days">{t('countWorkingDays')}</label>
            </div>
            <CriteriaRows rows={draft.criteria} set={(criteria) => set({ criteria })} />
            <DatedRows rows={draft.reports} set={(reports) => set({ reports })} label={t('designerRounds')} cutoff />
            <DatedRows rows={draft.meetings} set={(meetings) => set({ meetings })} label={t('designerMeetings')} cutoff={false} />
            <fieldset>
              <legend>
                {t('units')} ({draft.units.size})
              </legend>
              {result?.draft.unitGroups.map((g) => (
                <p key={g.text} className="muted">
                  {t('designerPlanSays')}: “{g.text}”{' '}
                  <button
                    type="button"
                    onClick={() =>
                      set({ units: new Set([...draft.units, ...(directory.data ?? []).filter((u) => u.kind === g.kind).map((u) => u.id)]) })
                    }
                  >
                    {f('designerAddKind', l(UNIT_KINDS, g.kind))}
                  </button>
                </p>
              ))}
              <div className="designer-units">
                {[...known.values()].map((u) => (
                  <label key={u.id}>
                    <input
                      type="checkbox"
                      checked={draft.units.has(u.id)}
                      onChange={(e) => {
                        const next = new Set(draft.units);
                        if (e.target.checked) next.add(u.id);
                        else next.delete(u.id);
                        set({ units: next });
                      }}
                    />{' '}
                    {u.name} <small className="muted">({l(UNIT_KINDS, u.kind)})</small>
                  </label>
                ))}
              </div>
            </fieldset>
            <ErrorBox error={error} />
            {error instanceof ApiError && error.details.length > 1 && (
              <ul className="problems">
                {error.details.map((d, i) => (
                  <li key={i}>{d.message}</li>
                ))}
              </ul>
            )}
            {saved && (
              <p className="success" role="status">
                {saved}
              </p>
            )}
            {opened && opened.summary.orgId === session.orgId && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={opened.summary.shared}
                  onChange={(e) =>
                    void api<TemplateSummary>('PUT', `/api/campaign-templates/${encodeURIComponent(opened.summary.id)}/sharing`, {
                      shared: e.target.checked,
                    }).then((r) => (setOpened({ ...opened, summary: r }), templates.reload()), setError)
                  }
                />{' '}
                {t('designerShare')}
              </label>
            )}
            <div className="actions">
              {/* A template of another organisation is saved as a new one of one's own (its owner keeps its versions). */}
              {opened && opened.summary.orgId === session.orgId && (
                <button type="button" onClick={() => void saveVersion()}>
                  {t('designerSaveVersion')}
                </button>
              )}
              <button type="button" onClick={() => void saveTemplate()}>
                {t('designerSaveTemplate')}
              </button>
              {session.role === 'admin' && !confirming && (
                <button type="button" className="primary" onClick={() => setConfirming(true)}>
                  {t('designerLaunch')}
                </button>
              )}
            </div>
            {confirming && (
              <LaunchConfirm units={unitsChosen} busy={false} onConfirm={() => void launch()} onCancel={() => setConfirming(false)} />
            )}
          </section>
        )}
      </div>
      {!draft && <ErrorBox error={error} />}
    </>
  );
}
