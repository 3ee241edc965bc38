/**
 * The campaign designer: paste a plan (Kế hoạch), read it into a draft, see each value beside the words of
 * the plan it came from (highlighted), answer what the plan leaves vague, edit criteria, report rounds,
 * meetings and units, then save it as a template or launch it.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { describeRule } from '../../../../libs/contracts/src/campaign/criteria';
import { slugify } from '../../../../libs/contracts/src/campaign/text';
import { DEFAULT_CHASE } from '../../../../libs/contracts/src/campaign/definition';
import { CRITERION_KIND_LABELS, RULE_OP_LABELS, UNIT_KIND_LABELS } from '../../../../libs/contracts/src/campaign/labels';
import type { PlanImport } from '../../../../libs/planning/src/draft';
import { api, ApiError, get, post, type Session } from '../api';
import { fromLocalInput, toLocalInput } from '../format';
import { MILESTONES, UNIT_KINDS, useT } from '../i18n';
import { useRoute } from '../router';
import type { CampaignDefinition, UnitRef } from '../../../../libs/contracts/src/campaign/definition';
import type { Criterion, CriterionKind, DirectoryUnit, RuleOp, TemplateSummary } from '../types';
import { ErrorBox, Field, MapSelect, useData } from '../ui';

const TZ = 'Asia/Ho_Chi_Minh';
const MILESTONE_FIELDS = ['launchAt', 'registrationDue', 'registrationCutoffAt', 'interimReviewAt', 'campaignEndsAt', 'finalReportDue', 'finalReportCutoffAt'] as const;

/** A criterion as the form edits it: numbers still as typed. */
interface CriterionRow {
  id: string;
  title: string;
  kind: CriterionKind;
  op: RuleOp;
  value: string;
  max: string;
  points: string;
  appliesTo: string[];
}
/** A report round or a meeting as the form edits it (`cutoff` only for rounds). */
export interface DatedRow {
  id: string;
  title: string;
  at: string;
  cutoff: string;
}
interface Draft {
  code: string;
  title: string;
  issuer: string;
  coordinator: string;
  milestones: Record<string, string>;
  criteria: CriterionRow[];
  reports: DatedRow[];
  meetings: DatedRow[];
  units: Set<string>;
  /** Count the chase policy's days as working days, with office hours. */
  workingDays: boolean;
}

/** A slug from Vietnamese words ("Báo cáo quý I" → "bao-cao-quy-i"). */
function slug(text: string, fallback: string): string {
  return slugify(text).slice(0, 48).replace(/-$/, '') || fallback;
}

/** Distinct ids for a list (a second "bao-cao" becomes "bao-cao-2"). */
function uniqueIds<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, n);
    return n === 1 ? r : { ...r, id: `${r.id}-${n}` };
  });
}

function draftOf(result: PlanImport): Draft {
  const d = result.draft;
  const year = Date.parse(d.milestones.launchAt ?? '') ? new Date(d.milestones.launchAt!).getUTCFullYear() : new Date().getFullYear();
  return {
    code: slug(`${d.title ?? 'thi-dua'}`, 'thi-dua').slice(0, 40) + `-${year}`,
    title: d.title ?? '',
    issuer: d.issuer ?? '',
    coordinator: d.coordinator ?? '',
    milestones: Object.fromEntries(MILESTONE_FIELDS.map((k) => [k, toLocalInput(d.milestones[k as keyof typeof d.milestones], TZ)])),
    criteria: uniqueIds(
      d.criteria.map((c, i) => ({ id: slug(c.title, `chi-tieu-${i + 1}`), title: c.title, kind: c.kind, op: c.rule.op, value: String(c.rule.value), max: c.rule.max === undefined ? '' : String(c.rule.max), points: '10', appliesTo: [] })),
    ),
    reports: uniqueIds(d.reports.map((r, i) => ({ id: slug(r.title, `ky-${i + 1}`), title: r.title, at: toLocalInput(r.due, TZ), cutoff: '' }))),
    meetings: uniqueIds(d.meetings.map((m, i) => ({ id: slug(m.title, `hoi-nghi-${i + 1}`), title: m.title, at: toLocalInput(m.at, TZ), cutoff: '' }))),
    units: new Set(),
    workingDays: true,
  };
}

/** A saved definition as the form edits it. */
function draftFromDefinition(d: CampaignDefinition): Draft {
  return {
    code: d.code,
    title: d.title,
    issuer: d.issuer,
    coordinator: d.coordinator,
    milestones: Object.fromEntries(MILESTONE_FIELDS.map((k) => [k, toLocalInput(d.milestones[k], TZ)])),
    criteria: (d.criteria ?? []).map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      op: c.rule.op,
      value: String(c.rule.value),
      max: c.rule.max === undefined ? '' : String(c.rule.max),
      points: String(c.points),
      appliesTo: [...(c.appliesTo ?? [])],
    })),
    reports: (d.reports ?? []).map((r) => ({ id: r.id, title: r.title, at: toLocalInput(r.due, TZ), cutoff: toLocalInput(r.cutoffAt, TZ) })),
    meetings: (d.meetings ?? []).map((m) => ({ id: m.id, title: m.title, at: toLocalInput(m.at, TZ), cutoff: '' })),
    units: new Set(d.units.map((u) => u.id)),
    workingDays: d.calendar?.workingDays === true,
  };
}

const num = (s: string): number => Number(s.trim().replace(',', '.'));

/** The definition the API validates (every problem it finds is named back, field by field). */
function definitionOf(d: Draft, units: unknown[]): Record<string, unknown> {
  const at = (v: string): string => fromLocalInput(v, TZ) ?? v;
  const milestones = Object.fromEntries(MILESTONE_FIELDS.filter((k) => d.milestones[k]).map((k) => [k, at(d.milestones[k])]));
  return {
    code: d.code,
    title: d.title,
    issuer: d.issuer,
    coordinator: d.coordinator,
    timezone: TZ,
    units,
    milestones,
    chase: DEFAULT_CHASE,
    criteria: d.criteria.map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      rule: { op: c.op, value: num(c.value), ...(c.op === 'between' ? { max: num(c.max) } : {}) },
      points: num(c.points),
      ...(c.appliesTo.length ? { appliesTo: c.appliesTo } : {}),
    })),
    reports: d.reports.map((r) => ({ id: r.id, title: r.title, due: at(r.at), ...(r.cutoff ? { cutoffAt: at(r.cutoff) } : {}) })),
    meetings: d.meetings.map((m) => ({ id: m.id, title: m.title, at: at(m.at) })),
    ...(d.workingDays ? { calendar: { workingDays: true } } : {}),
  };
}

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

/** Editable rows of report rounds (title, due, cut-off) or meetings (title, when). */
export function DatedRows({ rows, set, label, cutoff, fixed }: { rows: DatedRow[]; set: (rows: DatedRow[]) => void; label: string; cutoff: boolean; fixed?: boolean }) {
  const { t } = useT();
  const patch = (i: number, p: Partial<DatedRow>) => set(rows.map((r, n) => (n === i ? { ...r, ...p } : r)));
  return (
    <fieldset>
      <legend>{label}</legend>
      {rows.map((r, i) => (
        <div key={i} className="row-edit">
          <Field label={t('designerItemTitle')}>{(id) => <input id={id} value={r.title} onChange={(e) => patch(i, fixed ? { title: e.target.value } : { title: e.target.value, id: slug(e.target.value, r.id) })} />}</Field>
          <Field label={cutoff ? t('deadline') : t('designerWhen')}>{(id) => <input id={id} type="datetime-local" value={r.at} onChange={(e) => patch(i, { at: e.target.value })} />}</Field>
          {cutoff && <Field label={t('cutoff')}>{(id) => <input id={id} type="datetime-local" value={r.cutoff} onChange={(e) => patch(i, { cutoff: e.target.value })} />}</Field>}
          {!fixed && (
            <button type="button" onClick={() => set(rows.filter((_, n) => n !== i))}>
              {t('remove')}
            </button>
          )}
        </div>
      ))}
      {!fixed && (
        <button type="button" onClick={() => set([...rows, { id: `muc-${rows.length + 1}`, title: '', at: '', cutoff: '' }])}>
          {t('designerAdd')}
        </button>
      )}
    </fieldset>
  );
}

/** The criteria of a definition, read-only: title, rule and the unit kinds it applies to. */
export function CriteriaList({ criteria }: { criteria: readonly Criterion[] }) {
  const { t, l } = useT();
  return (
    <table className="criteria-list">
      <caption>{t('designerCriteria')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('criterion')}</th>
          <th scope="col">{t('criterionTarget')}</th>
          <th scope="col">{t('designerPoints')}</th>
          <th scope="col">{t('designerAppliesTo')}</th>
        </tr>
      </thead>
      <tbody>
        {criteria.map((c) => (
          <tr key={c.id}>
            <td>{c.title}</td>
            <td>{describeRule(c.kind, c.rule)}</td>
            <td>{c.points}</td>
            <td>{c.appliesTo?.map((k) => l(UNIT_KINDS, k)).join(', ') ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CriteriaRows({ rows, set }: { rows: CriterionRow[]; set: (rows: CriterionRow[]) => void }) {
  const { t, l } = useT();
  const patch = (i: number, p: Partial<CriterionRow>) => set(rows.map((r, n) => (n === i ? { ...r, ...p } : r)));
  return (
    <fieldset>
      <legend>{t('designerCriteria')}</legend>
      {rows.map((c, i) => (
        <div key={i} className="row-edit criterion-edit" data-criterion={c.id}>
          <Field label={t('criterion')}>{(id) => <input id={id} value={c.title} onChange={(e) => patch(i, { title: e.target.value })} />}</Field>
          <Field label={t('designerKind')}>{(id) => <MapSelect id={id} value={c.kind} onChange={(v) => patch(i, { kind: v as CriterionKind })} options={CRITERION_KIND_LABELS} />}</Field>
          <Field label={t('designerOp')}>{(id) => <MapSelect id={id} value={c.op} onChange={(v) => patch(i, { op: v as RuleOp })} options={RULE_OP_LABELS} />}</Field>
          <Field label={t('designerValue')}>{(id) => <input id={id} inputMode="decimal" value={c.value} onChange={(e) => patch(i, { value: e.target.value })} />}</Field>
          {c.op === 'between' && <Field label={t('designerMax')}>{(id) => <input id={id} inputMode="decimal" value={c.max} onChange={(e) => patch(i, { max: e.target.value })} />}</Field>}
          <Field label={t('designerPoints')}>{(id) => <input id={id} inputMode="decimal" value={c.points} onChange={(e) => patch(i, { points: e.target.value })} />}</Field>
          <fieldset className="applies">
            <legend>{t('designerAppliesTo')}</legend>
            {Object.keys(UNIT_KIND_LABELS).map((k) => (
              <label key={k}>
                <input type="checkbox" checked={c.appliesTo.includes(k)} onChange={(e) => patch(i, { appliesTo: e.target.checked ? [...c.appliesTo, k] : c.appliesTo.filter((x) => x !== k) })} /> {l(UNIT_KINDS, k)}
              </label>
            ))}
          </fieldset>
          <p className="muted">{Number.isFinite(num(c.value)) ? describeRule(c.kind, { op: c.op, value: num(c.value), ...(c.op === 'between' ? { max: num(c.max) } : {}) }) : ''}</p>
          <button type="button" onClick={() => set(rows.filter((_, n) => n !== i))}>
            {t('remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set([...rows, { id: `chi-tieu-${rows.length + 1}`, title: '', kind: 'percent', op: '>=', value: '', max: '', points: '10', appliesTo: [] }])}>
        {t('designerAdd')}
      </button>
    </fieldset>
  );
}

export function Designer({ session }: { session: Session }) {
  const { t, f, l } = useT();
  const { go } = useRoute();
  const directory = useData(() => get<DirectoryUnit[]>('/api/units'), []);
  const templates = useData(() => get<TemplateSummary[]>('/api/campaign-templates'), []);
  const [choice, setChoice] = useState('');
  const [opened, setOpened] = useState<{ summary: TemplateSummary; units: readonly UnitRef[] }>();
  const [text, setText] = useState('');
  const [result, setResult] = useState<PlanImport>();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const set = (p: Partial<Draft>) => setDraft(draft && { ...draft, ...p });

  const read = async () => {
    setError(undefined);
    setSaved(undefined);
    try {
      const r = await post<PlanImport>('/api/plan-imports', { text });
      setResult(r);
      setOpened(undefined);
      setDraft(draftOf(r));
    } catch (err) {
      setError(err);
    }
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
  const known = new Map<string, UnitRef>([...(opened?.units ?? []).map((u) => [u.id, u] as const), ...(directory.data ?? []).map((u) => [u.id, u] as const)]);
  const unitsChosen = [...(draft?.units ?? [])].filter((id) => known.has(id)).map((id) => known.get(id)!);
  const refs = unitsChosen.map(({ id, name, kind, headEmail, contactEmail }) => ({ id, name, kind, ...(headEmail ? { headEmail } : {}), ...(contactEmail ? { contactEmail } : {}) }));
  const saveTemplate = async () => {
    if (!draft) return;
    setError(undefined);
    try {
      const r = await post<TemplateSummary>('/api/campaign-templates', { title: draft.title || draft.code, definition: definitionOf(draft, refs) });
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
          <button type="button" className="primary" disabled={!text.trim()} onClick={() => void read()}>
            {t('designerRead')}
          </button>
          {templates.data && templates.data.length > 0 && (
            <div className="open-template">
              <Field label={t('designerOpen')}>
                {(id) => (
                  <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
                    <option value="">{t('choose')}</option>
                    {templates.data!.map((tp) => (
                      <option key={tp.id} value={tp.id}>
                        {tp.title} · {f('templateShape', tp.version, tp.reports, tp.criteria)}
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
            <Field label={t('title')}>{(id) => <input id={id} value={draft.title} onChange={(e) => set({ title: e.target.value })} />}</Field>
            <Field label={t('designerIssuer')}>{(id) => <input id={id} value={draft.issuer} onChange={(e) => set({ issuer: e.target.value })} />}</Field>
            <Field label={t('designerCoordinator')}>{(id) => <input id={id} value={draft.coordinator} onChange={(e) => set({ coordinator: e.target.value })} />}</Field>
            <fieldset>
              <legend>{t('milestones')}</legend>
              {MILESTONE_FIELDS.map((k) => (
                <Field key={k} label={l(MILESTONES, k)}>
                  {(id) => <input id={id} type="datetime-local" value={draft.milestones[k]} onChange={(e) => set({ milestones: { ...draft.milestones, [k]: e.target.value } })} />}
                </Field>
              ))}
            </fieldset>
            <div className="field checkbox">
              <input id="designer-working-days" type="checkbox" checked={draft.workingDays} onChange={(e) => set({ workingDays: e.target.checked })} />
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
                  <button type="button" onClick={() => set({ units: new Set([...draft.units, ...(directory.data ?? []).filter((u) => u.kind === g.kind).map((u) => u.id)]) })}>
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
            <div className="actions">
              {opened && (
                <button type="button" onClick={() => void saveVersion()}>
                  {t('designerSaveVersion')}
                </button>
              )}
              <button type="button" onClick={() => void saveTemplate()}>
                {t('designerSaveTemplate')}
              </button>
              {session.role === 'admin' && (
                <button type="button" className="primary" onClick={() => void launch()}>
                  {t('designerLaunch')}
                </button>
              )}
            </div>
          </section>
        )}
      </div>
      {!draft && <ErrorBox error={error} />}
    </>
  );
}
