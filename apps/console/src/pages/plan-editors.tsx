/**
 * Editors of a plan's dated items and criteria, shared by the designer, the new-campaign form and the
 * re-plan form: report rounds and meetings as editable rows, criteria editable or read-only.
 */
import { describeRule, slugify, CRITERION_KIND_LABELS, RULE_OP_LABELS, UNIT_KIND_LABELS } from '@thidua/contracts';
import { UNIT_KINDS, useT } from '../i18n';
import type { Criterion, CriterionKind, RuleOp } from '../types';
import { DateTimeInput, Field, MapSelect } from '../ui';

/** A criterion as the form edits it: numbers still as typed. */
export interface CriterionRow {
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

/** A slug from Vietnamese words ("Báo cáo quý I" → "bao-cao-quy-i"), or `fallback` when none is left. */
export function slug(text: string, fallback: string): string {
  return slugify(text).slice(0, 48).replace(/-$/, '') || fallback;
}

/** A number as typed (a decimal comma allowed). */
export const num = (s: string): number => Number(s.trim().replace(',', '.'));

/** Editable rows of report rounds (title, due, cut-off) or meetings (title, when). */
export function DatedRows({
  rows,
  set,
  label,
  cutoff,
  fixed,
}: {
  rows: DatedRow[];
  set: (rows: DatedRow[]) => void;
  label: string;
  cutoff: boolean;
  fixed?: boolean;
}) {
  const { t } = useT();
  const patch = (i: number, p: Partial<DatedRow>) => set(rows.map((r, n) => (n === i ? { ...r, ...p } : r)));
  return (
    <fieldset>
      <legend>{label}</legend>
      {rows.map((r, i) => (
        <div key={i} className="row-edit">
          <Field label={t('designerItemTitle')}>
            {(id) => (
              <input
                id={id}
                value={r.title}
                onChange={(e) => patch(i, fixed ? { title: e.target.value } : { title: e.target.value, id: slug(e.target.value, r.id) })}
              />
            )}
          </Field>
          <Field label={cutoff ? t('deadline') : t('designerWhen')}>
            {(id) => <DateTimeInput id={id} value={r.at} onChange={(v) => patch(i, { at: v })} />}
          </Field>
          {cutoff && (
            <Field label={t('cutoff')}>
              {(id) => <DateTimeInput id={id} value={r.cutoff} onChange={(v) => patch(i, { cutoff: v })} />}
            </Field>
          )}
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
    <div className="table-scroll">
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
    </div>
  );
}

export function CriteriaRows({ rows, set }: { rows: CriterionRow[]; set: (rows: CriterionRow[]) => void }) {
  const { t, l } = useT();
  const patch = (i: number, p: Partial<CriterionRow>) => set(rows.map((r, n) => (n === i ? { ...r, ...p } : r)));
  return (
    <fieldset>
      <legend>{t('designerCriteria')}</legend>
      {rows.map((c, i) => (
        <div key={i} className="row-edit criterion-edit" data-criterion={c.id}>
          <Field label={t('criterion')}>
            {(id) => <input id={id} value={c.title} onChange={(e) => patch(i, { title: e.target.value })} />}
          </Field>
          <Field label={t('designerKind')}>
            {(id) => (
              <MapSelect id={id} value={c.kind} onChange={(v) => patch(i, { kind: v as CriterionKind })} options={CRITERION_KIND_LABELS} />
            )}
          </Field>
          <Field label={t('designerOp')}>
            {(id) => <MapSelect id={id} value={c.op} onChange={(v) => patch(i, { op: v as RuleOp })} options={RULE_OP_LABELS} />}
          </Field>
          <Field label={t('designerValue')}>
            {(id) => <input id={id} inputMode="decimal" value={c.value} onChange={(e) => patch(i, { value: e.target.value })} />}
          </Field>
          {c.op === 'between' && (
            <Field label={t('designerMax')}>
              {(id) => <input id={id} inputMode="decimal" value={c.max} onChange={(e) => patch(i, { max: e.target.value })} />}
            </Field>
          )}
          <Field label={t('designerPoints')}>
            {(id) => <input id={id} inputMode="decimal" value={c.points} onChange={(e) => patch(i, { points: e.target.value })} />}
          </Field>
          <fieldset className="applies">
            <legend>{t('designerAppliesTo')}</legend>
            {Object.keys(UNIT_KIND_LABELS).map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={c.appliesTo.includes(k)}
                  onChange={(e) => patch(i, { appliesTo: e.target.checked ? [...c.appliesTo, k] : c.appliesTo.filter((x) => x !== k) })}
                />{' '}
                {l(UNIT_KINDS, k)}
              </label>
            ))}
          </fieldset>
          <p className="muted">
            {Number.isFinite(num(c.value))
              ? describeRule(c.kind, { op: c.op, value: num(c.value), ...(c.op === 'between' ? { max: num(c.max) } : {}) })
              : ''}
          </p>
          <button type="button" onClick={() => set(rows.filter((_, n) => n !== i))}>
            {t('remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          set([
            ...rows,
            { id: `chi-tieu-${rows.length + 1}`, title: '', kind: 'percent', op: '>=', value: '', max: '', points: '10', appliesTo: [] },
          ])
        }
      >
        {t('designerAdd')}
      </button>
    </fieldset>
  );
}
