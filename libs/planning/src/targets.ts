/**
 * Target phrases of a plan ("trên 80%", "không quá 03 ngày làm việc", "không để xảy ra …") and the
 * criterion kind and rule each states.
 */
import type { CriterionKind, CriterionRule } from '@thidua/contracts';
import type { Span } from './text';

const N = String.raw`(\d+(?:[.,]\d+)?)`;
const TIME_UNIT = String.raw`(phút|giờ|ngày\s+làm\s+việc|ngày)`;
interface TargetRule {
  readonly re: RegExp;
  readonly make: (m: RegExpExecArray) => { kind: CriterionKind; rule: CriterionRule } | undefined;
}
/** A number as plans write it, with a decimal comma or point ("2,5"). */
export const num = (s: string): number => Number(s.replace(',', '.'));
const TIME_KIND: Record<string, CriterionKind> = { phút: 'minutes', giờ: 'hours', ngày: 'days', 'ngày làm việc': 'working-days' };
const timeKind = (unit: string): CriterionKind => TIME_KIND[unit.replace(/\s+/g, ' ').toLowerCase()] ?? 'days';
const HOURS: Partial<Record<CriterionKind, number>> = { minutes: 1 / 60, hours: 1, days: 24 };

/** Target phrases, most specific first (global: read with matchAll); one phrase gives one criterion. */
const TARGETS: readonly TargetRule[] = [
  {
    re: new RegExp(String.raw`từ\s+${N}\s*%\s*(?:đến|-|–)\s*${N}\s*%`, 'giu'),
    make: (m) => ({ kind: 'percent', rule: { op: 'between', value: num(m[1]), max: num(m[2]) } }),
  },
  {
    // "sau 02 giờ đến 05 ngày", "trong 2 đến 5 ngày": the longer limit is the target.
    re: new RegExp(
      String.raw`(?:sau|từ|trong(?:\s+vòng)?|trong\s+thời\s+hạn)\s+${N}\s*${TIME_UNIT}?\s*(?:đến|-|–)\s*${N}\s*${TIME_UNIT}`,
      'giu',
    ),
    make: (m) => {
      const upper = timeKind(m[4]);
      const lowerKind = m[2] ? timeKind(m[2]) : upper;
      if (upper === lowerKind || upper === 'working-days' || lowerKind === 'working-days')
        return { kind: upper, rule: { op: '<=', value: num(m[3]) } };
      const [fine, coarse] = (HOURS[lowerKind] ?? 1) < (HOURS[upper] ?? 1) ? [lowerKind, upper] : [upper, lowerKind];
      return { kind: fine, rule: { op: '<=', value: (num(m[3]) * (HOURS[coarse] ?? 1)) / (HOURS[fine] ?? 1) } };
    },
  },
  {
    re: new RegExp(String.raw`từ\s+${N}\s*%\s*trở\s+lên`, 'giu'),
    make: (m) => ({ kind: 'percent', rule: { op: '>=', value: num(m[1]) } }),
  },
  {
    re: new RegExp(String.raw`(?:ít nhất|tối thiểu|không thấp hơn|không dưới)\s+${N}\s*%`, 'giu'),
    make: (m) => ({ kind: 'percent', rule: { op: '>=', value: num(m[1]) } }),
  },
  {
    re: new RegExp(String.raw`(?:không quá|không vượt quá|tối đa)\s+${N}\s*%`, 'giu'),
    make: (m) => ({ kind: 'percent', rule: { op: '<=', value: num(m[1]) } }),
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}])trên\s+${N}\s*%`, 'giu'),
    make: (m) => ({ kind: 'percent', rule: { op: '>', value: num(m[1]) } }),
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}])dưới\s+${N}\s*%`, 'giu'),
    make: (m) => ({ kind: 'percent', rule: { op: '<', value: num(m[1]) } }),
  },
  {
    re: new RegExp(String.raw`đạt\s+(?:mức\s+|tỷ lệ\s+)?${N}\s*%`, 'giu'),
    make: (m) => ({ kind: 'percent', rule: { op: '>=', value: num(m[1]) } }),
  },
  // "100% hồ sơ", "xử lý 100% rác thải": all of something (money "100% kinh phí" is a source of funds, not a target).
  {
    re: new RegExp(
      String.raw`(?<![\d,.])(100)\s*%\s+(?!kinh phí|ngân sách|vốn)(?:các\s+|số\s+)?(?:(?:khu phố|ấp|tổ dân phố|hồ sơ|thủ tục|đơn vị|cán bộ|cơ quan|trường|hộ)(?![\p{L}])|\p{L}+(?:\s+\p{L}+)?)`,
      'giu',
    ),
    make: () => ({ kind: 'percent', rule: { op: '>=', value: 100 } }),
  },
  {
    re: new RegExp(String.raw`(?:không quá|không vượt quá|tối đa|trong vòng|trong thời hạn|chậm nhất)\s+${N}\s*${TIME_UNIT}`, 'giu'),
    make: (m) => ({ kind: timeKind(m[2]), rule: { op: '<=', value: num(m[1]) } }),
  },
  {
    // Amounts other than percentages and times: "thu nhập bình quân trên 75 triệu đồng/năm".
    re: new RegExp(
      String.raw`(trên|từ|ít nhất|tối thiểu|không dưới|không quá|tối đa|đạt)\s+${N}\s+(triệu đồng|nghìn đồng|tỷ đồng|người|hộ|lượt|sáng kiến|mô hình|công trình|km)(?:\s+trở\s+lên)?`,
      'giu',
    ),
    make: (m) => {
      const word = m[1].toLowerCase();
      const op = word === 'trên' ? '>' : word === 'không quá' || word === 'tối đa' ? '<=' : '>=';
      return { kind: 'number', rule: { op, value: num(m[2]) } };
    },
  },
  { re: /không để (?:xảy ra|phát sinh|có)\s+[^\n,.;:(]{3,160}/giu, make: () => ({ kind: 'count', rule: { op: '==', value: 0 } }) },
];

/** A target phrase found in a clause: where it stands and the rule it states. */
export interface FoundTarget extends Span {
  readonly kind: CriterionKind;
  readonly rule: CriterionRule;
}

/** The target phrases of one clause (body starting at `offset` in the text), in text order, none overlapping. */
export function findTargets(body: string, offset: number): FoundTarget[] {
  const found: FoundTarget[] = [];
  for (const target of TARGETS) {
    for (const m of body.matchAll(target.re)) {
      const start = offset + m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const made = target.make(m);
      if (made && Number.isFinite(made.rule.value)) found.push({ start, end, ...made });
    }
  }
  return found.sort((x, y) => x.start - y.start);
}
