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
 * "15/3/2019", "15-3-2019", "15.3.2019" (with its year only: "2.3." numbers a section), "15/3". Digits glued to other digits ("624/KH", "2016 - 2020") are not dates.
 */
export const DATE_SOURCE = String.raw`(?:ngày\s+)?(?<!\d)(\d{1,2})(?:\s*tháng\s*(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?|\/(\d{1,2})(?:\/(\d{4}))?|-(\d{1,2})(?:-(\d{4}))?|\.(\d{1,2})\.(\d{4}))(?![\d/])`;

/** The written date of a match of {@link DATE_SOURCE} (groups 1-9), or undefined when it is no real day. */
export function writtenDate(groups: ReadonlyArray<string | undefined>): WrittenDate | undefined {
  const [day, m1, y1, m2, y2, m3, y3, m4, y4] = groups;
  const month = Number(m1 ?? m2 ?? m3 ?? m4);
  const yearText = y1 ?? y2 ?? y3 ?? y4;
  const date = { day: Number(day), month, ...(yearText ? { year: Number(yearText) } : {}) };
  if (month < 1 || month > 12 || date.day < 1 || date.day > 31) return undefined;
  if (date.year !== undefined && (date.year < 1990 || date.year > 2100)) return undefined;
  // Checked against a leap year when the year is unknown: 29/2 stays possible.
  const days = new Date(Date.UTC(date.year ?? 2024, month, 0)).getUTCDate();
  return date.day <= days ? date : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The instant of a local wall-clock time in Asia/Ho_Chi_Minh, written with its offset. */
export function localInstant(year: number, month: number, day: number, hour = 0, minute = 0): string {
  // Through UTC so that day 32 rolls into the next month.
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+07:00`;
}

/** A time of day written before a date: "17 giờ", "16 giờ 30 phút", "16h30", "lúc 14h00". */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/**
 * A time of day between a lead and its date ("trước 17 giờ ngày 20/01/2027", "chậm nhất 16h30 ngày …",
 * "vào lúc 14 giờ 00 ngày …"), two groups: hour and minute.
 */
export const TIME_SOURCE = String.raw`(?:lúc\s+)?(?<![\d:])(\d{1,2})\s*(?:giờ|h|g)(?![\p{L}])(?:\s*(\d{2})\s*(?:phút|')?)?(?:\s*,)?\s+`;

/** The time of day of a match of {@link TIME_SOURCE}, or undefined when there is none or it is no time. */
export function timeOfDay(hour: string | undefined, minute: string | undefined): TimeOfDay | undefined {
  if (hour === undefined) return undefined;
  const time = { hour: Number(hour), minute: Number(minute ?? 0) };
  return time.hour <= 23 && time.minute <= 59 ? time : undefined;
}

/** How a plan's words place an instant on a day. */
export type DayMeaning = 'before' | 'through' | 'on' | 'from';

/** Office hours start at 08:00: meetings and launches on a day are placed there. */
const OFFICE_START = 8;

/**
 * The instant a phrase means: "trước ngày D" → D 00:00; "chậm nhất ngày D", "không muộn hơn ngày D", "đến (hết) ngày D", "kết thúc
 * ngày D" → D+1 00:00 (the whole of day D is allowed); "vào/tổ chức ngày D" and "từ ngày D" → D at 08:00.
 * A written time of day is that instant whatever the lead: "trước 17 giờ ngày D" and "chậm nhất 17 giờ ngày D"
 * are both D at 17:00.
 */
export function instantOf(date: Required<WrittenDate>, meaning: DayMeaning, time?: TimeOfDay): string {
  if (time) return localInstant(date.year, date.month, date.day, time.hour, time.minute);
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
  if (/^(?:chậm nhất|muộn nhất|không (?:muộn|chậm) hơn|đến|kết thúc|hạn (?:chót|cuối)|hết)/u.test(l)) return 'through';
  if (l.startsWith('từ')) return 'from';
  return 'on';
}

/** Words that, right before a date, say how the date is meant. */
export const LEAD_SOURCE = String.raw`(trước|hoàn thành trước|(?:chậm|muộn) nhất(?:\s+là)?(?:\s+vào)?|không\s+(?:muộn|chậm)\s+hơn|hạn\s+(?:chót|cuối)(?:\s+là)?|đến hết|đến|hết|kết thúc(?:\s+vào)?|vào|tổ chức(?:\s+vào)?|trong dịp|dịp|từ)`;
