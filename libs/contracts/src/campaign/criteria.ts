/**
 * A campaign's own criteria (chỉ tiêu thi đua), its report rounds and its review meetings, as data in the
 * definition: what each report states a value for, the rule the value is checked against, and the dates
 * of the rounds and meetings. Validated with every problem listed, in Vietnamese.
 */
import { appliesToUnit, type RollUp } from './cascade';
import type { UnitKind, UnitRef } from './definition';

/** What a criterion measures; its unit of measure follows from the kind. */
export type CriterionKind = 'percent' | 'number' | 'minutes' | 'hours' | 'days' | 'working-days' | 'count' | 'yes-no';

/** Comparison of a stated value with the rule's value (`between`: value ≤ x ≤ max). */
export type RuleOp = '>' | '>=' | '<' | '<=' | '==' | 'between';

/** The rule a stated value must meet. */
export interface CriterionRule {
  readonly op: RuleOp;
  readonly value: number;
  /** Upper bound, only with `between`. */
  readonly max?: number;
}

/** One criterion of the campaign. */
export interface Criterion {
  readonly id: string;
  readonly title: string;
  readonly kind: CriterionKind;
  readonly rule: CriterionRule;
  /** Points for meeting it (score sheets). */
  readonly points: number;
  /** Only these kinds of unit report it; every unit when absent. */
  readonly appliesTo?: readonly UnitKind[];
  /** Only members of these emulation clusters report it (a cluster's covenant); every unit when absent. */
  readonly clusters?: readonly string[];
  /** How the units' values make the value sent to the level above (absent: by its kind, see rollUpOf). */
  readonly rollUp?: RollUp;
}

/** A report round before the final report (e.g. "Báo cáo sơ kết quý I"). */
export interface ReportRound {
  readonly id: string;
  readonly title: string;
  readonly due: string;
  readonly cutoffAt?: string;
}

/** A review meeting (sơ kết, tổng kết), shown on timelines and calendars. */
export interface Meeting {
  readonly id: string;
  readonly title: string;
  readonly at: string;
}

/** Units written after a value in sentences ("80%", "60 phút"). */
const UNIT_SUFFIX: Record<CriterionKind, string> = {
  percent: '%',
  number: '',
  minutes: ' phút',
  hours: ' giờ',
  days: ' ngày',
  'working-days': ' ngày làm việc',
  count: '',
  'yes-no': '',
};

const number = (v: number): string => String(v).replace('.', ',');

/** The rule in a Vietnamese phrase: "trên 80%", "không quá 60 phút", "từ 30% đến 40%", "Có". */
export function describeRule(kind: CriterionKind, rule: CriterionRule): string {
  const v = (x: number): string => `${number(x)}${UNIT_SUFFIX[kind]}`;
  if (kind === 'yes-no') return rule.value === 1 ? 'Có' : 'Không';
  switch (rule.op) {
    case '>':
      return `trên ${v(rule.value)}`;
    case '>=':
      return `từ ${v(rule.value)} trở lên`;
    case '<':
      return `dưới ${v(rule.value)}`;
    case '<=':
      return `không quá ${v(rule.value)}`;
    case '==':
      return kind === 'count' && rule.value === 0 ? 'không để xảy ra' : `đúng ${v(rule.value)}`;
    case 'between':
      return `từ ${v(rule.value)} đến ${v(rule.max ?? rule.value)}`;
  }
}

/** Whether a stated value meets the rule. */
export function meetsRule(rule: CriterionRule, value: number): boolean {
  switch (rule.op) {
    case '>':
      return value > rule.value;
    case '>=':
      return value >= rule.value;
    case '<':
      return value < rule.value;
    case '<=':
      return value <= rule.value;
    case '==':
      return value === rule.value;
    case 'between':
      return value >= rule.value && value <= (rule.max ?? rule.value);
  }
}

/** The result of one criterion in a report. */
export interface CriterionCheck {
  readonly criterion: string;
  readonly title: string;
  /** The rule in words, e.g. "trên 80%". */
  readonly target: string;
  readonly value: number | null;
  /** Null when the unit stated no value. */
  readonly met: boolean | null;
}

/** Checks each criterion that applies to the unit against the value it stated (unstated: not judged). */
export function checkCriteria(
  criteria: readonly Criterion[],
  unit: Pick<UnitRef, 'kind' | 'cluster'>,
  values: Readonly<Record<string, number>> | undefined,
): CriterionCheck[] {
  return criteria
    .filter((c) => appliesToUnit(c, unit))
    .map((c) => {
      const value = values?.[c.id];
      return {
        criterion: c.id,
        title: c.title,
        target: describeRule(c.kind, c.rule),
        value: value ?? null,
        met: value === undefined ? null : meetsRule(c.rule, value),
      };
    });
}

/** Largest value a percentage may state. */
const PERCENT_MAX = 100;

/** Problems of one stated value for a criterion (empty when it can be stated). */
export function valueProblems(c: Pick<Criterion, 'kind'>, value: unknown): string[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return ['phải là một số'];
  if (value < 0) return ['không được âm'];
  if (c.kind === 'percent' && value > PERCENT_MAX) return ['là tỷ lệ phần trăm, không vượt quá 100'];
  // Durations may be averages (1,5 ngày làm việc); a count of occurrences cannot.
  if (c.kind === 'count' && !Number.isInteger(value)) return ['phải là số nguyên'];
  if (c.kind === 'yes-no' && value !== 0 && value !== 1) return ['phải là 1 (có) hoặc 0 (không)'];
  return [];
}
