/**
 * Campaigns across levels: a campaign of an organisation whose participants are the organisations below it
 * (the city's wards), each of which may run a sub-campaign for its own units from the parent's plan, with
 * earlier deadlines, and send one consolidated report up, built from its units' reports by each criterion's
 * roll-up rule. Pure.
 */
import type { Criterion, CriterionKind, CriterionRule } from './criteria';
import { parseDuration } from './duration';
import type { UnitKind, UnitRef } from './definition';
import type { Label } from './labels';
import type { CampaignStatus } from './campaign-events';
import type { TaskKind } from './unit-events';
import type { TaskStatus, UnitPhase } from './unit-state';

/**
 * A sub-campaign's link to the unit that stands for its organisation in the campaign above: its deadlines are
 * the parent's, `lead` earlier (an ISO duration: working days when the plan counts them, plan days in a rehearsal).
 */
export interface ParentLink {
  readonly campaignId: string;
  readonly unitId: string;
  readonly lead: string;
}

/** How the values of a criterion stated by the units below make the value of the report sent up. */
export type RollUpMethod = 'sum' | 'mean' | 'weighted' | 'all' | 'share' | 'worst';

/**
 * A criterion's roll-up rule: `weighted` weighs each unit's value by its value of criterion `by` (households,
 * files received); `share` answers yes when at least `atLeast` percent of the units answered yes.
 */
export interface RollUp {
  readonly method: RollUpMethod;
  readonly by?: string;
  readonly atLeast?: number;
}

export const ROLL_UP_LABELS = {
  sum: ['Cộng tổng', 'Sum'],
  mean: ['Trung bình', 'Mean'],
  weighted: ['Trung bình có trọng số', 'Weighted mean'],
  all: ['Có khi tất cả đều có', 'All'],
  share: ['Có khi đủ tỷ lệ', 'Share'],
  worst: ['Giá trị kém nhất', 'Worst'],
} as const satisfies Record<RollUpMethod, Label>;

const DURATIONS: readonly CriterionKind[] = ['minutes', 'hours', 'days', 'working-days'];

/** The methods a criterion of `kind` may roll up by. */
export function rollUpMethods(kind: CriterionKind): RollUpMethod[] {
  if (kind === 'yes-no') return ['all', 'share'];
  if (kind === 'percent') return ['mean', 'weighted', 'worst'];
  if (DURATIONS.includes(kind)) return ['mean', 'worst'];
  return ['sum', 'mean', 'worst'];
}

/** The rule of a criterion that states none: counts summed, percentages and durations averaged, yes only when all say yes. */
export function rollUpOf(c: Pick<Criterion, 'kind' | 'rollUp'>): RollUp {
  if (c.rollUp) return c.rollUp;
  if (c.kind === 'yes-no') return { method: 'all' };
  if (c.kind === 'count' || c.kind === 'number') return { method: 'sum' };
  return { method: 'mean' };
}

/** One unit's value behind a consolidated line. */
export interface ConsolidationSource {
  readonly unitId: string;
  readonly name: string;
  /** Null: the unit has not reported it. */
  readonly value: number | null;
  readonly weight?: number | null;
}

/** One criterion of the report sent up, with how it was computed. */
export interface ConsolidatedLine {
  readonly criterion: string;
  readonly title: string;
  readonly kind: CriterionKind;
  readonly method: RollUpMethod;
  /** Null when no unit stated a value. */
  readonly value: number | null;
  /** Units that stated a value, of those the criterion applies to. */
  readonly reported: number;
  readonly expected: number;
  /** Durations and percentages: the mean and the worst value, shown beside the one chosen. */
  readonly mean?: number;
  readonly worst?: number;
  /** Yes/no: the share of units answering yes (percent). */
  readonly share?: number;
  /** How the value was obtained, in a sentence: "Cộng tổng của 4/5 khu phố". */
  readonly explanation: string;
  readonly sources: readonly ConsolidationSource[];
}

/** What one unit below reported for the task being consolidated. */
export interface ReportOfUnit {
  readonly unit: Pick<UnitRef, 'id' | 'name' | 'kind'> & { readonly cluster?: string };
  /** Absent: nothing submitted yet. */
  readonly values?: Readonly<Record<string, number>>;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** The worse of two values under a rule: the smaller when more is better, the larger when less is. */
function worse(rule: CriterionRule, a: number, b: number): number {
  return rule.op === '>' || rule.op === '>=' ? Math.min(a, b) : Math.max(a, b);
}

/** Whether criterion `c` is reported by `unit` (its kinds and clusters). */
export function appliesToUnit(
  c: Pick<Criterion, 'appliesTo' | 'clusters'>,
  unit: { readonly kind: UnitKind; readonly cluster?: string },
): boolean {
  if (c.appliesTo && !c.appliesTo.includes(unit.kind)) return false;
  return !c.clusters || (unit.cluster !== undefined && c.clusters.includes(unit.cluster));
}

/**
 * The consolidated values of `criteria` from the reports of the units below (`noun`: what they are called in
 * sentences, "khu phố"). A criterion that applies to none of them is left out.
 */
export function consolidate(criteria: readonly Criterion[], reports: readonly ReportOfUnit[], noun = 'đơn vị'): ConsolidatedLine[] {
  const lines: ConsolidatedLine[] = [];
  for (const c of criteria) {
    const rule = rollUpOf(c);
    const applying = reports.filter((r) => appliesToUnit(c, r.unit));
    if (applying.length === 0) continue;
    const sources: ConsolidationSource[] = applying.map((r) => ({
      unitId: r.unit.id,
      name: r.unit.name,
      value: r.values?.[c.id] ?? null,
      ...(rule.method === 'weighted' && rule.by ? { weight: r.values?.[rule.by] ?? null } : {}),
    }));
    const stated = sources.flatMap((s) => (s.value === null ? [] : [s.value]));
    const base = {
      criterion: c.id,
      title: c.title,
      kind: c.kind,
      method: rule.method,
      reported: stated.length,
      expected: applying.length,
      sources,
    };
    const of = `${stated.length}/${applying.length} ${noun}`;
    if (stated.length === 0) {
      lines.push({ ...base, value: null, explanation: `Chưa ${noun} nào báo cáo` });
      continue;
    }
    const mean = round2(stated.reduce((a, b) => a + b, 0) / stated.length);
    const worst = stated.reduce((a, b) => worse(c.rule, a, b));
    if (c.kind === 'yes-no') {
      const yes = stated.filter((v) => v === 1).length;
      const share = round2((yes / stated.length) * 100);
      const atLeast = rule.atLeast ?? 50;
      const value = rule.method === 'share' ? (share >= atLeast ? 1 : 0) : yes === stated.length ? 1 : 0;
      const why = rule.method === 'share' ? `Có khi từ ${atLeast}% ${noun} trả lời có` : `Có khi mọi ${noun} đều trả lời có`;
      lines.push({ ...base, value, share, explanation: `${why}: ${yes}/${stated.length} có (${of} đã báo cáo)` });
      continue;
    }
    switch (rule.method) {
      case 'sum':
        lines.push({ ...base, value: round2(stated.reduce((a, b) => a + b, 0)), explanation: `Cộng tổng của ${of}` });
        break;
      case 'worst':
        lines.push({ ...base, value: worst, mean, worst, explanation: `Giá trị kém nhất của ${of}` });
        break;
      case 'weighted': {
        const pairs = sources.flatMap((s) => (s.value !== null && s.weight != null && s.weight > 0 ? [[s.value, s.weight] as const] : []));
        const total = pairs.reduce((a, [, w]) => a + w, 0);
        if (total > 0) {
          const value = round2(pairs.reduce((a, [v, w]) => a + v * w, 0) / total);
          const title = criteria.find((x) => x.id === rule.by)?.title ?? rule.by;
          lines.push({
            ...base,
            value,
            mean,
            worst,
            explanation: `Trung bình theo trọng số "${title}" của ${pairs.length}/${applying.length} ${noun}`,
          });
          break;
        }
        lines.push({ ...base, value: mean, mean, worst, explanation: `Trung bình của ${of} (chưa có trọng số)` });
        break;
      }
      default:
        lines.push({ ...base, value: mean, mean, worst, explanation: `Trung bình của ${of}` });
    }
  }
  return lines;
}

/** Problems of a criterion's roll-up rule (empty when none or valid), each naming its field under `at`. */
export function rollUpProblems(c: { readonly kind?: unknown; readonly rollUp?: unknown }, ids: readonly string[], at: string): string[] {
  if (c.rollUp === undefined) return [];
  const r = (c.rollUp ?? {}) as Partial<Record<keyof RollUp, unknown>>;
  if (typeof c.rollUp !== 'object' || c.rollUp === null) return [`${at}.rollUp phải là { method, by?, atLeast? }`];
  const allowed = rollUpMethods(c.kind as CriterionKind);
  const problems: string[] = [];
  if (!allowed.includes(r.method as RollUpMethod)) problems.push(`${at}.rollUp.method phải là một trong: ${allowed.join(', ')}`);
  if (r.method === 'weighted' && (typeof r.by !== 'string' || !ids.includes(r.by)))
    problems.push(`${at}.rollUp.by phải là mã một chỉ tiêu của kế hoạch (giá trị dùng làm trọng số)`);
  if (r.atLeast !== undefined && (typeof r.atLeast !== 'number' || !(r.atLeast > 0 && r.atLeast <= 100)))
    problems.push(`${at}.rollUp.atLeast phải là tỷ lệ phần trăm từ trên 0 đến 100`);
  return problems;
}

/** The consolidation of one task of a sub-campaign, as the organisation reviews it before sending it up. */
export interface Consolidation {
  /** The sub-campaign and the parent campaign it reports to. */
  readonly campaignId: string;
  readonly parentCampaignId: string;
  readonly task: TaskKind;
  readonly title: string;
  readonly units: number;
  readonly reported: number;
  /** Units that have not sent this report yet. */
  readonly missing: ReadonlyArray<{ readonly unitId: string; readonly name: string }>;
  readonly lines: readonly ConsolidatedLine[];
}

/** Recorded with a report sent up: the sub-campaign it was built from, and what was computed before any correction. */
export interface ConsolidationRecord {
  readonly campaignId: string;
  readonly units: number;
  readonly reported: number;
  readonly computed: Readonly<Record<string, number>>;
  /** Criteria whose value the organisation changed before sending. */
  readonly edited: readonly string[];
}

/** What units of a kind are called in sentences. */
export const UNIT_KIND_NOUNS = {
  agency: 'cơ quan',
  'service-unit': 'đơn vị sự nghiệp',
  ward: 'phường',
  commune: 'xã',
  neighbourhood: 'khu phố',
} as const satisfies Record<UnitKind, string>;

/** The noun for a set of units: their kind's when they share one, else "đơn vị". */
export function unitsNoun(kinds: readonly UnitKind[]): string {
  const set = new Set(kinds);
  return set.size === 1 ? UNIT_KIND_NOUNS[[...set][0]] : 'đơn vị';
}

/** Problems of a sub-campaign's link (optional), each naming its field. */
export function parentProblems(value: unknown): string[] {
  if (value === undefined) return [];
  const p = (value !== null && typeof value === 'object' ? value : {}) as Partial<Record<keyof ParentLink, unknown>>;
  const problems: string[] = [];
  if (typeof p.campaignId !== 'string' || !p.campaignId) problems.push('parent.campaignId phải là mã đợt thi đua cấp trên');
  if (typeof p.unitId !== 'string' || !p.unitId) problems.push('parent.unitId phải là mã đơn vị ở đợt thi đua cấp trên');
  const lead = typeof p.lead === 'string' ? parseDuration(p.lead) : undefined;
  if (lead === undefined || lead > 365 * 86_400_000)
    problems.push('parent.lead phải là khoảng thời gian ISO-8601 đến một năm, ví dụ P5D (hạn của đơn vị trực thuộc sớm hơn 5 ngày)');
  return problems;
}

/** One task of a sub-campaign as the campaign above sees it. */
export interface RollupTask {
  readonly task: TaskKind;
  readonly title: string;
  /** Units expected to send it (not withdrawn or cancelled). */
  readonly units: number;
  readonly submitted: number;
  readonly missing: number;
  readonly overdue: number;
  readonly late: number;
}

/** One participating unit of a campaign, with its own sub-campaign's progress when its organisation runs one. */
export interface RollupRow {
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly cluster?: string;
  readonly phase: UnitPhase;
  readonly overdue: boolean;
  readonly escalationLevel: number;
  /** The task it is expected to send now (the earliest due of those still open), if any. */
  readonly current?: { readonly task: TaskKind; readonly title: string; readonly dueAt: string; readonly missed: boolean };
  readonly sub?: {
    readonly campaignId: string;
    readonly title: string;
    readonly status: CampaignStatus;
    readonly units: number;
    readonly noun: string;
    readonly tasks: readonly RollupTask[];
  };
  /** Where it stands on its current task, in a sentence ("Phường An Lạc: 2/9 khu phố chưa gửi báo cáo quý I"). */
  readonly progress?: string;
  /** Why it is late, when it is ("Phường An Lạc: 2/9 khu phố chưa gửi báo cáo quý I"). */
  readonly cause?: string;
}

/** A campaign rolled up across its levels. */
export interface RollupView {
  readonly campaignId: string;
  readonly title: string;
  readonly units: number;
  readonly withSubCampaign: number;
  readonly overdue: number;
  readonly rows: readonly RollupRow[];
}

/** Statuses of a task that count as sent. */
export const SENT_STATUSES: readonly TaskStatus[] = ['submitted', 'approved'];

/** A sub-campaign task's counts, from the units' statuses. */
export function rollupTask(
  task: TaskKind,
  title: string,
  counts: Partial<Record<TaskStatus, number>>,
  overdue: number,
  late: number,
): RollupTask {
  const units = Object.values(counts).reduce<number>((a, b) => a + (b ?? 0), 0);
  const submitted = SENT_STATUSES.reduce((a, s) => a + (counts[s] ?? 0), 0);
  return { task, title, units, submitted, missing: units - submitted, overdue, late };
}

/** The sentence of where a unit stands on its current task, and the cause when it is late. */
export function rollupSentences(row: Pick<RollupRow, 'name' | 'current' | 'sub'>): { progress?: string; cause?: string } {
  const { current, sub, name } = row;
  if (!current) return {};
  const what = current.title.charAt(0).toLocaleLowerCase('vi') + current.title.slice(1);
  const below = sub?.tasks.find((t) => t.task === current.task);
  let progress: string;
  // A registration is the body's own commitment, not the sum of its units'.
  if (!sub || !below || current.task === 'registration') progress = `${name} chưa gửi ${what}`;
  else if (below.missing > 0) progress = `${name}: ${below.missing}/${below.units} ${sub.noun} chưa gửi ${what}`;
  else progress = `${name}: các ${sub.noun} đã gửi đủ ${what}, chưa gửi báo cáo tổng hợp lên cấp trên`;
  return { progress, ...(current.missed ? { cause: progress } : {}) };
}
