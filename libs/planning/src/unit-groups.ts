/** Who takes part, as a plan names it: "Ủy ban nhân dân 10 phường", "các cơ quan chuyên môn", "các khu phố". */
import type { UnitKind } from '../../contracts/src/campaign';
import { clean, lower, type Span } from './text';

const GROUPS: ReadonlyArray<{ re: RegExp; kind: UnitKind | ((m: RegExpExecArray) => UnitKind); count?: (m: RegExpExecArray) => number | undefined }> = [
  { re: /(?:Ủy ban nhân dân|UBND)\s+(?:các\s+)?(\d{1,3})\s+(phường|xã)(?:,\s*(?:phường|xã|đặc khu))*/iu, kind: (m) => (lower(m[2]) === 'xã' ? 'commune' : 'ward'), count: (m) => Number(m[1]) },
  { re: /(?:Ủy ban nhân dân|UBND)\s+các\s+(phường|xã)(?:,\s*(?:phường|xã|đặc khu))*/iu, kind: (m) => (lower(m[1]) === 'xã' ? 'commune' : 'ward') },
  { re: /(?<![\p{L}])(\d{1,3})\s+(phường|xã)(?:,\s*(?:phường|xã|đặc khu))*(?:\s+trực thuộc|\s+trên địa bàn)?/iu, kind: (m) => (lower(m[2]) === 'xã' ? 'commune' : 'ward'), count: (m) => Number(m[1]) },
  { re: /(?:các\s+)?cơ quan chuyên môn(?:\s+thuộc\s+(?:Ủy ban nhân dân|UBND)\s+[^\n,.;:()]{2,40})?/iu, kind: 'agency' },
  { re: /các\s+(?:sở|phòng),\s*ban,\s*ngành/iu, kind: 'agency' },
  { re: /(?:các\s+)?đơn vị sự nghiệp(?:\s+công lập)?/iu, kind: 'service-unit' },
  { re: /các\s+(?:bệnh viện|trung tâm y tế|trạm y tế|trường học|trường)(?:\s+(?:trực thuộc|công lập|thuộc\s+(?:Sở|UBND|Ủy ban nhân dân)\s+[^\n,.;:()\s]+(?:\s+[^\n,.;:()\s]+)?))?/iu, kind: 'service-unit' },
  { re: /(?:các|(\d{1,3}))\s+(?:khu phố|ấp|tổ dân phố|thôn)(?![\p{L}])/iu, kind: 'neighbourhood', count: (m) => (m[1] ? Number(m[1]) : undefined) },
];

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
    const m = g.re.exec(text);
    if (!m) continue;
    const start = m.index;
    const end = start + m[0].length;
    const kind = typeof g.kind === 'function' ? g.kind(m) : g.kind;
    const count = g.count?.(m);
    if (groups.some((u) => (start < u.end && end > u.start) || (u.kind === kind && u.count === count))) continue;
    groups.push({ start, end, text: clean(m[0]), kind, ...(count !== undefined ? { count } : {}) });
  }
  return groups;
}
