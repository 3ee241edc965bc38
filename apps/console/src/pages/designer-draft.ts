/**
 * The designer's draft: a plan import or a saved definition as the form edits it, and the definition the
 * form sends back (the API validates it and names every problem).
 */
import { DEFAULT_CHASE, type CampaignDefinition } from '@thidua/contracts';
import type { PlanImport } from '@thidua/planning';
import { fromLocalInput, toLocalInput } from '../format';
import { num, slug, type CriterionRow, type DatedRow } from './plan-editors';

const TZ = 'Asia/Ho_Chi_Minh';
export const MILESTONE_FIELDS = [
  'launchAt',
  'registrationDue',
  'registrationCutoffAt',
  'interimReviewAt',
  'campaignEndsAt',
  'finalReportDue',
  'finalReportCutoffAt',
] as const;

export interface Draft {
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

/** Distinct ids for a list (a second "bao-cao" becomes "bao-cao-2"). */
function uniqueIds<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, n);
    return n === 1 ? r : { ...r, id: `${r.id}-${n}` };
  });
}

export function draftOf(result: PlanImport): Draft {
  const d = result.draft;
  const year = Date.parse(d.milestones.launchAt ?? '') ? new Date(d.milestones.launchAt!).getUTCFullYear() : new Date().getFullYear();
  return {
    // Cut at 40 characters without leaving a dash at the cut ("…-sang--2027").
    code: `${slug(`${d.title ?? 'thi-dua'}`, 'thi-dua')
      .slice(0, 40)
      .replace(/-+$/, '')}-${year}`,
    title: d.title ?? '',
    issuer: d.issuer ?? '',
    coordinator: d.coordinator ?? '',
    milestones: Object.fromEntries(MILESTONE_FIELDS.map((k) => [k, toLocalInput(d.milestones[k as keyof typeof d.milestones], TZ)])),
    criteria: uniqueIds(
      d.criteria.map((c, i) => ({
        id: slug(c.title, `chi-tieu-${i + 1}`),
        title: c.title,
        kind: c.kind,
        op: c.rule.op,
        value: String(c.rule.value),
        max: c.rule.max === undefined ? '' : String(c.rule.max),
        points: String(c.points ?? 10),
        appliesTo: [...(c.appliesTo ?? [])],
      })),
    ),
    reports: uniqueIds(
      d.reports.map((r, i) => ({ id: slug(r.title, `ky-${i + 1}`), title: r.title, at: toLocalInput(r.due, TZ), cutoff: '' })),
    ),
    meetings: uniqueIds(
      d.meetings.map((m, i) => ({ id: slug(m.title, `hoi-nghi-${i + 1}`), title: m.title, at: toLocalInput(m.at, TZ), cutoff: '' })),
    ),
    units: new Set(),
    workingDays: true,
  };
}

/** A saved definition as the form edits it. */
export function draftFromDefinition(d: CampaignDefinition): Draft {
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
    reports: (d.reports ?? []).map((r) => ({
      id: r.id,
      title: r.title,
      at: toLocalInput(r.due, TZ),
      cutoff: toLocalInput(r.cutoffAt, TZ),
    })),
    meetings: (d.meetings ?? []).map((m) => ({ id: m.id, title: m.title, at: toLocalInput(m.at, TZ), cutoff: '' })),
    units: new Set(d.units.map((u) => u.id)),
    workingDays: d.calendar?.workingDays === true,
  };
}

/** The definition the API validates (every problem it finds is named back, field by field). */
export function definitionOf(d: Draft, units: unknown[]): Record<string, unknown> {
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
