/**
 * The working-day calendar of Vietnam's public service: weekends, the rule-based holidays of holidays.ts,
 * and the government's yearly announcements as overrides (an extra day off, a Saturday worked in exchange).
 * Answers whether a day is worked and what instant lies N working days after another. Pure.
 */
import { CALENDAR_YEARS, dayNumber, isoDate, isWeekend, ruleHolidays, weekday, type Holiday } from './holidays';

/** An announced change to one day: an extra day off, or a day worked that would not be (a swapped Saturday). */
export interface CalendarOverride {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  readonly kind: 'day-off' | 'working-day';
  /** Vietnamese reason, e.g. "Nghỉ bù cho thứ Bảy 26/4 (hoán đổi ngày làm việc)". */
  readonly name: string;
}

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

/** The most working days one question may add (ten years): more is a mistake, not a deadline. */
export const MAX_WORKING_DAYS = 2600;

/** A calendar: the rules of every year in range, with these overrides on top. */
export class WorkingCalendar {
  private readonly rules = new Map<number, Map<number, Holiday>>();
  private readonly overrides = new Map<number, CalendarOverride>();

  constructor(overrides: readonly CalendarOverride[] = []) {
    for (const o of overrides) this.overrides.set(dayNumber(o.date), o);
  }

  /** The year's days that are not ordinary: holidays, days off in lieu, announced days off and Saturdays worked. */
  year(year: number): CalendarDay[] {
    const days = new Map<number, CalendarDay>();
    for (const [jd, h] of this.holidays(year)) days.set(jd, { ...h, source: 'rule', working: false });
    for (const [jd, o] of this.overrides) {
      if (Number(o.date.slice(0, 4)) === year) days.set(jd, { date: o.date, name: o.name, kind: o.kind, source: 'override', working: o.kind === 'working-day' });
    }
    return [...days.entries()].sort(([a], [b]) => a - b).map(([, d]) => d);
  }

  /** Whether the local day (Julian day number) is worked. */
  isWorkingDay(jd: number): boolean {
    const o = this.overrides.get(jd);
    if (o) return o.kind === 'working-day';
    if (isWeekend(jd)) return false;
    const year = Number(isoDate(jd).slice(0, 4));
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
    const from = Date.parse(fromIso);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`Số ngày làm việc phải từ 0 đến ${MAX_WORKING_DAYS}`);
    const local = from + OFFSET_MS;
    const startDay = Math.floor(local / DAY_MS);
    let day = startDay;
    for (let left = n; left > 0; ) {
      day += 1;
      if (this.isWorkingDay(day + 2440588)) left -= 1;
    }
    return new Date(from + (day - startDay) * DAY_MS).toISOString();
  }

  /** Working days strictly after `fromIso`'s local day up to and including `toIso`'s (0 when not later). */
  workingDaysBetween(fromIso: string, toIso: string): number {
    const a = Math.floor((Date.parse(fromIso) + OFFSET_MS) / DAY_MS) + 2440588;
    const b = Math.floor((Date.parse(toIso) + OFFSET_MS) / DAY_MS) + 2440588;
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.isWorkingDay(d)) count += 1;
    return count;
  }

  private holidays(year: number): Map<number, Holiday> {
    let m = this.rules.get(year);
    if (!m) {
      if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) throw new RangeError(`Lịch làm việc chỉ có các năm ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}`);
      m = new Map(ruleHolidays(year).map((h) => [dayNumber(h.date), h]));
      this.rules.set(year, m);
    }
    return m;
  }
}

/** Monday = 1 … Sunday = 7 of a local date, for messages. */
export function isoWeekday(date: string): number {
  const w = weekday(dayNumber(date));
  return w === 0 ? 7 : w;
}
