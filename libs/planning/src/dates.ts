/**
 * Dates as Vietnamese plans write them, and what a phrase around a date means. Vietnam keeps one offset
 * all year (UTC+7, no daylight saving), so a local day maps to instants without a time-zone database.
 */

/** A calendar day as written (year possibly missing). */
export interface WrittenDate {
  readonly day: number;
  readonly month: number;
  readonly year?: number;
}

/**
 * A day, month and optional year: "ngày 15 tháng 3 năm 2019", "15 tháng 3 năm 2019", "ngày 15 tháng 3",
 * "15/3/2019", "15-3-2019", "15/3". Digits glued to other digits ("624/KH", "2016 - 2020") are not dates.
 */
export const DATE_SOURCE = String.raw`(?:ngày\s+)?(?<!\d)(\d{1,2})(?:\s*tháng\s*(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?|\/(\d{1,2})(?:\/(\d{4}))?|-(\d{1,2})(?:-(\d{4}))?)(?![\d/])`;

/** The written date of a match of {@link DATE_SOURCE} (groups 1-7), or undefined when it is no real day. */
export function writtenDate(groups: ReadonlyArray<string | undefined>): WrittenDate | undefined {
  const [day, m1, y1, m2, y2, m3, y3] = groups;
  const month = Number(m1 ?? m2 ?? m3);
  const yearText = y1 ?? y2 ?? y3;
  const date = { day: Number(day), month, ...(yearText ? { year: Number(yearText) } : {}) };
  if (month < 1 || month > 12 || date.day < 1 || date.day > 31) return undefined;
  if (date.year !== undefined && (date.year < 1990 || date.year > 2100)) return undefined;
  // Checked against a leap year when the year is unknown: 29/2 stays possible.
  const days = new Date(Date.UTC(date.year ?? 2024, month, 0)).getUTCDate();
  return date.day <= days ? date : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The instant of a local wall-clock time in Asia/Ho_Chi_Minh, written with its offset. */
export function localInstant(year: number, month: number, day: number, hour = 0): string {
  // Through UTC so that day 32 rolls into the next month.
  const d = new Date(Date.UTC(year, month - 1, day, hour));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:00:00+07:00`;
}

/** How a plan's words place an instant on a day. */
export type DayMeaning = 'before' | 'through' | 'on' | 'from';

/** Office hours start at 08:00: meetings and launches on a day are placed there. */
const OFFICE_START = 8;

/**
 * The instant a phrase means: "trước ngày D" → D 00:00; "chậm nhất ngày D", "đến (hết) ngày D", "kết thúc
 * ngày D" → D+1 00:00 (the whole of day D is allowed); "vào/tổ chức ngày D" and "từ ngày D" → D at 08:00.
 */
export function instantOf(date: Required<WrittenDate>, meaning: DayMeaning): string {
  switch (meaning) {
    case 'before':
      return localInstant(date.year, date.month, date.day);
    case 'through':
      return localInstant(date.year, date.month, date.day + 1);
    case 'on':
    case 'from':
      return localInstant(date.year, date.month, date.day, OFFICE_START);
  }
}

/** The meaning of the words just before a date; undefined for a bare date (a reference, not a deadline). */
export function meaningOfLead(lead: string | undefined): DayMeaning | undefined {
  if (!lead) return undefined;
  const l = lead.toLowerCase().replace(/\s+/g, ' ');
  if (l.startsWith('trước') || l.startsWith('hoàn thành trước')) return 'before';
  if (l.startsWith('chậm nhất') || l.startsWith('đến') || l.startsWith('kết thúc') || l.startsWith('hạn chót') || l.startsWith('hết')) return 'through';
  if (l.startsWith('từ')) return 'from';
  return 'on';
}

/** Words that, right before a date, say how the date is meant. */
export const LEAD_SOURCE = String.raw`(trước|hoàn thành trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn chót(?:\s+là)?|đến hết|đến|hết|kết thúc(?:\s+vào)?|vào|tổ chức(?:\s+vào)?|trong dịp|dịp|từ)`;
