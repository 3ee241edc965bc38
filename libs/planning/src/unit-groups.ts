/** Who takes part, as a plan names it: "Ủy ban nhân dân 10 phường", "các cơ quan chuyên môn", "các khu phố". */
import type { UnitKind } from '@thidua/contracts';
import { clean, lower, type Span } from './text';

const GROUPS: ReadonlyArray<{
  re: RegExp;
  kind: UnitKind | ((m: RegExpExecArray) => UnitKind);
  count?: (m: RegExpExecArray) => number | undefined;
}> = [
  {
    re: /(?:Ủy ban nhân dân|UBND)\s+(?:các\s+)?(\d{1,3})\s+(phường|xã)(?:,\s*(?:phường|xã|đặc khu))*/iu,
    kind: (m) => (lower(m[2]) === 'xã' ? 'commune' : 'ward'),
    count: (m) => Number(m[1]),
  },
  {
    re: /(?:Ủy ban nhân dân|UBND)\s+các\s+(phường|xã)(?:,\s*(?:phường|xã|đặc khu))*/iu,
    kind: (m) => (lower(m[1]) === 'xã' ? 'commune' : 'ward'),
  },
  {
    re: /(?<![\p{L}])(\d{1,3})\s+(phường|xã)(?:,\s*(?:phường|xã|đặc khu))*(?:\s+trực thuộc|\s+trên địa bàn)?/iu,
    kind: (m) => (lower(m[2]) === 'xã' ? 'commune' : 'ward'),
    count: (m) => Number(m[1]),
  },
  { re: /(?:các\s+)?cơ quan chuyên môn(?:\s+thuộc\s+(?:Ủy ban nhân dân|UBND)\s+[^\n,.;:()]{2,40})?/iu, kind: 'agency' },
  { re: /các\s+(?:sở|phòng),\s*ban,\s*ngành/iu, kind: 'agency' },
  // The departments of one body: "các khoa, phòng" of a hospital, "các phòng, ban" of a department.
  {
    re: /các\s+(?:khoa|phòng)(?:,\s*(?:khoa|phòng|ban|trung tâm)(?![\p{L}]))+(?:\s+(?:trực thuộc|thuộc\s+[^\n,.;:()]{2,40}))?/iu,
    kind: 'agency',
  },
  { re: /(?:các\s+)?đơn vị sự nghiệp(?:\s+công lập)?/iu, kind: 'service-unit' },
  {
    re: /các\s+(?:bệnh viện|trung tâm y tế|trạm y tế|trường học|trường(?:\s+(?:mầm non|tiểu học|trung học cơ sở|trung học phổ thông|THCS|THPT|cao đẳng|đại học))?)(?:\s+(?:trực thuộc|công lập|thuộc\s+(?:Sở|UBND|Ủy ban nhân dân)\s+[^\n,.;:()\s]+(?:\s+[^\n,.;:()\s]+)?))?/iu,
    kind: 'service-unit',
  },
  {
    re: /(?:các|(\d{1,3}))\s+(?:khu phố|ấp|tổ dân phố|thôn)(?![\p{L}])/iu,
    kind: 'neighbourhood',
    count: (m) => (m[1] ? Number(m[1]) : undefined),
  },
];

const COUNT_AFTER = /^[^\n.;()]{0,160}?\((\d{1,4})\s+(?:đơn vị|cơ quan|trường|bệnh viện)\)/u;

/** A group of participating units: the plan's words, the kind, and how many when it says. */
export interface UnitGroup extends Span {
  readonly text: string;
  readonly kind: UnitKind;
  readonly count?: number;
}

/** The groups of units the plan names (the directory supplies the units), each kind and count once. */
export function findUnitGroups(text: string): UnitGroup[] {
  const groups: UnitGroup[] = [];
  for (const g of GROUPS) {
    // A group that can carry a count is taken where the plan counts it ("12 ấp trên địa bàn", not "tại các ấp").
    const all = [...text.matchAll(new RegExp(g.re.source, `${g.re.flags}g`))];
    const m = all.find((x) => g.count?.(x) !== undefined) ?? all[0];
    if (!m) continue;
    const start = m.index;
    // "các trường …, trung tâm … trực thuộc Sở (65 đơn vị)": the count closes the list, on the same sentence.
    const total = g.count ? undefined : COUNT_AFTER.exec(text.slice(start + m[0].length));
    const end = start + m[0].length + (total?.[0].length ?? 0);
    const kind = typeof g.kind === 'function' ? g.kind(m) : g.kind;
    const count = g.count?.(m) ?? (total ? Number(total[1]) : undefined);
    if (groups.some((u) => (start < u.end && end > u.start) || (u.kind === kind && u.count === count))) continue;
    groups.push({ start, end, text: clean(text.slice(start, end)), kind, ...(count !== undefined ? { count } : {}) });
  }
  return groups;
}

/** The kinds of unit a few words name, as a criteria table's "Đối tượng áp dụng" cell says them. */
const KIND_WORDS: ReadonlyArray<[RegExp, UnitKind]> = [
  [/khu phố|(?<![\p{L}])ấp(?![\p{L}])|tổ dân phố|(?<![\p{L}])thôn(?![\p{L}])/iu, 'neighbourhood'],
  [/(?<![\p{L}])phường(?![\p{L}])/iu, 'ward'],
  [/(?<![\p{L}])xã(?![\p{L}])/iu, 'commune'],
  [/cơ quan|(?<![\p{L}])(?:sở|phòng|ban|khoa)(?![\p{L}])/iu, 'agency'],
  [/đơn vị sự nghiệp|trường|bệnh viện|trung tâm|trạm y tế/iu, 'service-unit'],
];

/** Each kind the words name, in the order of {@link UnitKind}'s labels; empty when they name none ("Tất cả"). */
export function unitKindsIn(words: string): UnitKind[] {
  return KIND_WORDS.filter(([re]) => re.test(words)).map(([, kind]) => kind);
}
