/**
 * Vietnam's public holidays (ngày nghỉ lễ, tết) by rule, 2015–2040, as the Labour Code sets them:
 * - Labour Code 2019 (45/2019/QH14), Art. 112, in force 01/01/2021 (and Labour Code 2012, Art. 115, before):
 *   Tết Dương lịch 1 day (01/01); Tết Âm lịch 5 days; Ngày Chiến thắng 30/4; Ngày Quốc tế lao động 1/5;
 *   Quốc khánh 2/9 and, since 2021, one day before or after it; Giỗ Tổ Hùng Vương 10/3 âm lịch.
 *   Art. 112(3): a holiday that falls on the weekly rest day gives a day off (nghỉ bù) on the next working day.
 * - Ngày Văn hóa Việt Nam 24/11, a paid day off from 2026 (Nghị quyết 80-NQ/TW of the Politburo, as reported by
 *   Báo Lao Động, "Thống nhất chọn ngày 24/11 là Ngày Văn hóa Việt Nam, nghỉ hưởng lương").
 * Which five days make Tết and which day joins 2/9 are fixed each year by the government's announcement; the
 * rules below are the pattern those announcements follow (the last day of the lunar year and the first four
 * of the new one; a Tết day on a Saturday moves to the working day before, on a Sunday to the one after;
 * 2/9's companion is the day that joins it to the weekend: Mon→Tue, Tue→Mon, Wed→Tue, Thu→Fri, Fri→Thu,
 * Sat→Fri, Sun→Mon, as announced for 2021–2025). Public servants work Monday to Friday. Announced swaps
 * (a Saturday worked for a bridging day off) are overrides, not rules (see calendar.ts). Pure.
 */
import { fromJulianDay, julianDay, lunarToSolar, solarToLunar, tet, type SolarDate } from './lunar';

/** First and last year the rules are written for. */
export const CALENDAR_YEARS = { first: 2015, last: 2040 } as const;

/** A day that is not worked, and why. */
export interface Holiday {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  /** Vietnamese name, e.g. "Tết Nguyên đán (mùng 1)", "Nghỉ bù Ngày Quốc tế Lao động". */
  readonly name: string;
  /** `holiday`: the day itself; `compensatory`: a day off for a holiday on the weekend or a moved Tết day. */
  readonly kind: 'holiday' | 'compensatory';
}

/** ISO date of a Julian day number. */
export function isoDate(jd: number): string {
  const d = fromJulianDay(jd);
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Julian day number of an ISO date (YYYY-MM-DD). */
export function dayNumber(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number);
  return julianDay({ year, month, day });
}

/** Day of the week of a Julian day number: 0 Sunday … 6 Saturday. */
export function weekday(jd: number): number {
  return (jd + 1) % 7;
}

/** True on the weekly rest days of public servants (Saturday, Sunday). */
export function isWeekend(jd: number): boolean {
  const w = weekday(jd);
  return w === 0 || w === 6;
}

const TET_DAY_NAMES = ['Tết Nguyên đán (mùng 1)', 'Tết Nguyên đán (mùng 2)', 'Tết Nguyên đán (mùng 3)', 'Tết Nguyên đán (mùng 4)'];

/** 2/9's companion day since 2021, by 2/9's weekday (0 Sunday … 6 Saturday): +1 the day after, −1 the day before. */
const NATIONAL_DAY_COMPANION = [1, 1, -1, -1, 1, -1, -1] as const;

/** The rule-based non-working days of a year (not the weekends), in date order. */
export function ruleHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
    throw new RangeError(`Năm ${year} nằm ngoài ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}`);
  }
  const days = new Map<number, Holiday>();
  const add = (jd: number, name: string, kind: Holiday['kind'] = 'holiday'): void => {
    if (!days.has(jd)) days.set(jd, { date: isoDate(jd), name, kind });
  };
  const jd = (d: SolarDate): number => julianDay(d);
  const free = (n: number): boolean => !isWeekend(n) && !days.has(n);
  const step = (from: number, by: 1 | -1): number => {
    let n = from + by;
    while (!free(n)) n += by;
    return n;
  };

  // Tết: the last day of the old year and the first four of the new; a Saturday moves to the working day
  // before, a Sunday to the one after (after all five are placed, so a moved day never lands on another).
  const firstDay = jd(tet(year));
  const tetDays = [-1, 0, 1, 2, 3].map((delta) => firstDay + delta);
  // The last day of the year is the 29th or the 30th of the twelfth month.
  const names = [`Tết Nguyên đán (${solarToLunar(fromJulianDay(firstDay - 1)).day} Tết)`, ...TET_DAY_NAMES];
  tetDays.forEach((n, i) => add(n, names[i]));
  tetDays.forEach((n, i) => {
    const w = weekday(n);
    if (w === 6) add(step(n, -1), `Nghỉ bù ${names[i]}`, 'compensatory');
    if (w === 0) add(step(n, 1), `Nghỉ bù ${names[i]}`, 'compensatory');
  });

  // Fixed days; a day on the weekend gives a day off on the next working day (Art. 112(3)).
  const fixed: Array<[number, string]> = [
    [jd({ year, month: 1, day: 1 }), 'Tết Dương lịch'],
    [jd(lunarToSolar({ year, month: 3, day: 10, leap: false })!), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
    [jd({ year, month: 4, day: 30 }), 'Ngày Chiến thắng (30/4)'],
    [jd({ year, month: 5, day: 1 }), 'Ngày Quốc tế Lao động (1/5)'],
    [jd({ year, month: 9, day: 2 }), 'Quốc khánh (2/9)'],
    ...(year >= 2026 ? [[jd({ year, month: 11, day: 24 }), 'Ngày Văn hóa Việt Nam (24/11)'] as [number, string]] : []),
  ];
  for (const [n, name] of fixed) add(n, name);
  if (year >= 2021) {
    const sep2 = jd({ year, month: 9, day: 2 });
    add(sep2 + NATIONAL_DAY_COMPANION[weekday(sep2)], 'Quốc khánh (ngày liền kề 2/9)');
  }
  // In date order, so a day off for an earlier holiday is placed first (30/4 Sat, 1/5 Sun → Mon, Tue).
  for (const [n, name] of [...fixed].sort(([a], [b]) => a - b)) if (isWeekend(n)) add(step(n, 1), `Nghỉ bù ${name}`, 'compensatory');

  return [...days.entries()].sort(([a], [b]) => a - b).map(([, h]) => h);
}
