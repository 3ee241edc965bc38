/**
 * The working-day calendar of Vietnam's public service: weekends, the rule-based holidays of holidays.ts,
 * and the government's yearly announcements as overrides (an extra day off, a Saturday worked in exchange).
 * Answers whether a day is worked and what instant lies N working days after another. Pure.
 */
import type { DayOverride } from '@thidua/contracts';
import { CALENDAR_YEARS, dayNumber, isoDate, isWeekend, ruleHolidays, weekday, type Holiday } from './holidays';

/**
 * An announced change to one day (local date YYYY-MM-DD): an extra day off, or a day worked that would not be
 * (a swapped Saturday), with its Vietnamese reason. The contracts' type: units carry them in their plan.
 */
export type CalendarOverride = DayOverride;

/** One day of a year's calendar that is not an ordinary weekday or weekend. */
export interface CalendarDay {
  readonly date: string;
  readonly name: string;
  readonly kind: Holiday['kind'] | CalendarOverride['kind'];
  readonly source: 'rule' | 'override';
  /** Whether the day is worked. */
  readonly working: boolean;
}

/** Vietnam's time zone offset: the calendar has no daylight saving time. */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** Julian day number of 1970-01-01 (day 0 of Unix time). */
const EPOCH_JDN = 2440588;

/** The local day of `ms` (days since 1970-01-01), how far into it `ms` is, and the office hours of a day. */
function officeDay(
  ms: number,
  start: string,
  end: string,
): { day: number; into: number; open: number; close: number; opening: (day: number) => number } {
  const open = minutesOf(start) * 60_000;
  const close = minutesOf(end) * 60_000;
  const local = ms + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, into: local - day * DAY_MS, open, close, opening: (d) => d * DAY_MS + open - OFFSET_MS };
}

/** Minutes after midnight of "HH:MM". */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The most working days one question may add (ten years): more is a mistake, not a deadline. */
export const MAX_WORKING_DAYS = 2600;

/** A calendar: the rules of every year in range, with these overrides on top. */
export class WorkingCalendar {
  private readonly rules = new Map<number, Map<number, Holiday>>();
  private readonly overrides = new Map<number, CalendarOverride>();
  private readonly known = new Map<number, boolean>();

  constructor(overrides: readonly CalendarOverride[] = []) {
    for (const o of overrides) this.overrides.set(dayNumber(o.date), o);
  }

  /** The year's days that are not ordinary: holidays, days off in lieu, announced days off and Saturdays worked. */
  year(year: number): CalendarDay[] {
    const days = new Map<number, CalendarDay>();
    for (const [jd, h] of this.holidays(year)) days.set(jd, { ...h, source: 'rule', working: false });
    for (const [jd, o] of this.overrides) {
      if (Number(o.date.slice(0, 4)) === year)
        days.set(jd, { date: o.date, name: o.name, kind: o.kind, source: 'override', working: o.kind === 'working-day' });
    }
    return [...days.entries()].sort(([a], [b]) => a - b).map(([, d]) => d);
  }

  /** Whether the local day (Julian day number) is worked (remembered: the engine asks about the same days often). */
  isWorkingDay(jd: number): boolean {
    let worked = this.known.get(jd);
    if (worked === undefined) this.known.set(jd, (worked = this.computeWorkingDay(jd)));
    return worked;
  }

  private computeWorkingDay(jd: number): boolean {
    const o = this.overrides.get(jd);
    if (o) return o.kind === 'working-day';
    if (isWeekend(jd)) return false;
    const year = Number(isoDate(jd).slice(0, 4));
    // Beyond the years the rules are written for, only weekends are known: a running campaign degrades to
    // them instead of failing (launches and questions stay within the years, see addWorkingDays).
    if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) return true;
    return !this.holidays(year).has(jd);
  }

  /** Whether the local date (YYYY-MM-DD) is worked. */
  isWorkingDate(date: string): boolean {
    return this.isWorkingDay(dayNumber(date));
  }

  /**
   * The instant `n` working days after `fromIso`, at the same local time: each step moves to the next
   * working day (so from a Saturday, one working day later is Monday at the same hour; 0 is the instant
   * itself). Throws RangeError when the answer would leave the calendar's years.
   */
  addWorkingDays(fromIso: string, n: number): string {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`Số ngày làm việc phải từ 0 đến ${MAX_WORKING_DAYS}`);
    const within = (ms: number): boolean => {
      const year = new Date(ms + OFFSET_MS).getUTCFullYear();
      return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
    };
    const from = Date.parse(fromIso);
    const at = within(from) ? this.shiftWorkingDays(from, n) : NaN;
    if (!within(at)) throw new RangeError(`Lịch làm việc chỉ có các năm ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}`);
    return new Date(at).toISOString();
  }

  /**
   * The instant `n` working days after (or, negative, before) `ms`, at the same local time; a step lands only
   * on a working day. Unbounded by MAX_WORKING_DAYS (the engine's own arithmetic); RangeError outside the years.
   */
  shiftWorkingDays(ms: number, n: number): number {
    const startDay = Math.floor((ms + OFFSET_MS) / DAY_MS);
    const by = n < 0 ? -1 : 1;
    let day = startDay;
    for (let left = Math.abs(n); left > 0;) {
      day += by;
      if (this.isWorkingDay(day + EPOCH_JDN)) left -= 1;
    }
    return ms + (day - startDay) * DAY_MS;
  }

  /**
   * The first instant at or after `ms` within office hours (`start`–`end`, "HH:MM" local, end excluded) on a
   * working day: `ms` itself when it is one, else that day's opening or the next working day's.
   */
  officeTime(ms: number, start: string, end: string): number {
    const { day, into, open, close, opening } = officeDay(ms, start, end);
    if (this.isWorkingDay(day + EPOCH_JDN)) {
      if (into >= open && into < close) return ms;
      if (into < open) return opening(day);
    }
    return opening(this.nextWorkingDay(day, 1));
  }

  /**
   * A deadline whose last day (the local day of the last instant before it) is not worked, moved by whole
   * days to the end of the next working day; a deadline whose last day is worked, as it is.
   */
  shiftDeadline(ms: number): number {
    let k = 0;
    while (!this.isWorkingDay(Math.floor((ms - 1 + OFFSET_MS) / DAY_MS) + k + EPOCH_JDN)) k += 1;
    return ms + k * DAY_MS;
  }

  /**
   * The latest office-hour instant at or before `ms`: `ms` itself within office hours, else the opening of
   * that day if it is worked and already open, else of the last working day before it.
   */
  officeTimeBefore(ms: number, start: string, end: string): number {
    const { day, into, open, close, opening } = officeDay(ms, start, end);
    if (this.isWorkingDay(day + EPOCH_JDN) && into >= open) return into < close ? ms : opening(day);
    return opening(this.nextWorkingDay(day, -1));
  }

  /** The first working day (days since 1970-01-01, local) after `day` going `by`. */
  private nextWorkingDay(day: number, by: 1 | -1): number {
    let d = day + by;
    while (!this.isWorkingDay(d + EPOCH_JDN)) d += by;
    return d;
  }

  /** Working days strictly after `fromIso`'s local day up to and including `toIso`'s (0 when not later). */
  workingDaysBetween(fromIso: string, toIso: string): number {
    const a = Math.floor((Date.parse(fromIso) + OFFSET_MS) / DAY_MS) + EPOCH_JDN;
    const b = Math.floor((Date.parse(toIso) + OFFSET_MS) / DAY_MS) + EPOCH_JDN;
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.isWorkingDay(d)) count += 1;
    return count;
  }

  private holidays(year: number): Map<number, Holiday> {
    let m = this.rules.get(year);
    if (!m) {
      if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last)
        throw new RangeError(`Lịch làm việc chỉ có các năm ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}`);
      m = new Map(ruleHolidays(year).map((h) => [dayNumber(h.date), h]));
      this.rules.set(year, m);
    }
    return m;
  }
}

// One calendar per set of overrides, shared by every unit counting with it (a pure memo, so deterministic in
// workflows too); a few sets are alive at once (one per announcement), the oldest is dropped beyond that.
const calendars = new Map<string, WorkingCalendar>();
const MAX_CALENDARS = 16;

/** The calendar of a set of announced overrides (remembered: many units share each set). */
export function calendarFor(overrides: readonly CalendarOverride[]): WorkingCalendar {
  const key = JSON.stringify(overrides);
  let cal = calendars.get(key);
  if (!cal) {
    cal = new WorkingCalendar(overrides);
    calendars.set(key, cal);
    if (calendars.size > MAX_CALENDARS) calendars.delete(calendars.keys().next().value!);
  }
  return cal;
}

/** Monday = 1 … Sunday = 7 of a local date, for messages. */
export function isoWeekday(date: string): number {
  const w = weekday(dayNumber(date));
  return w === 0 ? 7 : w;
}
