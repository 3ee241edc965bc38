/**
 * The working-day calendar: the Vietnamese lunar calendar against known dates (and the years Vietnam and
 * China differ), the rule-based holidays of announced years, and working-day arithmetic across Tết.
 * The cross-check of every year 2015–2040 against python-holidays is in calendar.crosscheck.spec.ts.
 */
import fc from 'fast-check';
import { ANNOUNCED_OVERRIDES, lunarToSolar, ruleHolidays, solarToLunar, tet, WorkingCalendar } from '.';

const ymd = (d: { year: number; month: number; day: number }): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  it('puts Tết where Vietnam celebrated it, including 1985 and 2007 when China did not', () => {
    const known: Record<number, string> = {
      1985: '1985-01-21', // China: 1985-02-20
      2007: '2007-02-17', // China: 2007-02-18
      2015: '2015-02-19',
      2019: '2019-02-05',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
      2030: '2030-02-02',
    };
    for (const [year, date] of Object.entries(known)) expect([year, ymd(tet(Number(year)))]).toEqual([year, date]);
  });

  it('converts both ways: every day of 1980–2040 round-trips through its lunar date', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2040, 11, 31) }), (ms) => {
        const d = new Date(ms);
        const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
        const lunar = solarToLunar(solar);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        expect(lunarToSolar(lunar)).toEqual(solar);
      }),
      { numRuns: 2000, seed: 20261129 },
    );
  });

  it('knows leap months (2023 had a second 2nd month; 2025 a second 6th) and refuses one a year does not have', () => {
    expect(ymd(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })!)).toBe('2023-03-22');
    expect(ymd(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })!)).toBe('2025-07-25');
    expect(lunarToSolar({ year: 2024, month: 5, day: 1, leap: true })).toBeUndefined();
  });
});

describe('holidays by rule', () => {
  it('gives 2025 as announced: Tết 25/1–2/2 with the weekends, Giỗ Tổ 7/4, 30/4–4/5 with the swap, 1/9–2/9', () => {
    const cal = new WorkingCalendar(ANNOUNCED_OVERRIDES);
    const off = (from: string, to: string): boolean[] => {
      const out: boolean[] = [];
      for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000)
        out.push(!cal.isWorkingDate(new Date(t).toISOString().slice(0, 10)));
      return out;
    };
    expect(off('2025-01-24', '2025-02-03')).toEqual([false, true, true, true, true, true, true, true, true, true, false]);
    // Fri 25/4 worked, Sat 26/4 worked (for 2/5), Sun 27/4 off, Mon–Tue worked, 30/4–4/5 off, Mon 5/5 worked.
    expect(off('2025-04-25', '2025-05-05')).toEqual([false, false, true, false, false, true, true, true, true, true, false]);
    expect(cal.isWorkingDate('2025-04-26')).toBe(true); // the Saturday worked for 2/5
    expect(off('2025-08-29', '2025-09-03')).toEqual([false, true, true, true, true, false]);
    expect(cal.isWorkingDate('2025-04-07')).toBe(false); // Giỗ Tổ
  });

  it('names each day in Vietnamese and gives a day off in lieu for a holiday on the weekend', () => {
    const h2027 = ruleHolidays(2027);
    expect(h2027.find((h) => h.date === '2027-05-03')).toEqual({
      date: '2027-05-03',
      name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5)',
      kind: 'compensatory',
    });
    expect(h2027.filter((h) => h.name.startsWith('Tết Nguyên đán')).map((h) => h.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
    expect(() => ruleHolidays(2041)).toThrow(RangeError);
    // The last day of the lunar year is named by its own day: 29 Tết in 2025 and 2026 (a short twelfth month), 30 Tết in 2024.
    expect(ruleHolidays(2026).find((h) => h.date === '2026-02-16')?.name).toBe('Tết Nguyên đán (29 Tết)');
    expect(ruleHolidays(2024).find((h) => h.date === '2024-02-09')?.name).toBe('Tết Nguyên đán (30 Tết)');
    expect(ruleHolidays(2025).find((h) => h.date === '2025-01-28')?.name).toBe('Tết Nguyên đán (29 Tết)'); // the year without a 30 Tết
  });
});

describe('working days', () => {
  const cal = new WorkingCalendar(ANNOUNCED_OVERRIDES);

  it('counts across Tết 2027 (off Thursday 4/2 to Wednesday 10/2): 3 working days after Wednesday 3/2 is Monday 15/2, at the same hour', () => {
    expect(cal.addWorkingDays('2027-02-03T09:30:00+07:00', 3)).toBe(new Date('2027-02-15T09:30:00+07:00').toISOString());
    expect(cal.addWorkingDays('2027-02-03T09:30:00+07:00', 0)).toBe(new Date('2027-02-03T09:30:00+07:00').toISOString());
    expect(cal.workingDaysBetween('2027-02-03T09:30:00+07:00', '2027-02-15T08:00:00+07:00')).toBe(3);
  });

  it('counts a swapped Saturday as worked and its bridging day as not', () => {
    // Friday 25/4/2025 + 1 working day = Saturday 26/4 (worked for 2/5).
    expect(cal.addWorkingDays('2025-04-25T16:00:00+07:00', 1)).toBe(new Date('2025-04-26T16:00:00+07:00').toISOString());
    expect(cal.addWorkingDays('2025-04-29T08:00:00+07:00', 1)).toBe(new Date('2025-05-05T08:00:00+07:00').toISOString());
  });

  it('moves a deadline whose last day is not worked to the end of the next working day, and no other', () => {
    // "Trước ngày 08/02/2027" (its last day Sunday 7/2, in Tết) → the end of Thursday 11/2.
    expect(new Date(cal.shiftDeadline(Date.parse('2027-02-08T00:00:00+07:00'))).toISOString()).toBe(
      new Date('2027-02-12T00:00:00+07:00').toISOString(),
    );
    // Its last day Friday 12/2 is worked: it stands.
    expect(new Date(cal.shiftDeadline(Date.parse('2027-02-13T00:00:00+07:00'))).toISOString()).toBe(
      new Date('2027-02-13T00:00:00+07:00').toISOString(),
    );
    // 17:00 on Saturday → 17:00 on Monday.
    expect(new Date(cal.shiftDeadline(Date.parse('2026-12-05T17:00:00+07:00'))).toISOString()).toBe(
      new Date('2026-12-07T17:00:00+07:00').toISOString(),
    );
  });

  it('finds office hours after and before an instant, skipping days off', () => {
    const at = (s: string): number => Date.parse(s);
    const iso = (ms: number): string => new Date(ms).toISOString();
    // Friday 5/2/2027 is in Tết: the next opening is Thursday 11/2; the last one before, Wednesday 3/2.
    expect(iso(cal.officeTime(at('2027-02-05T10:00:00+07:00'), '07:30', '17:00'))).toBe(iso(at('2027-02-11T07:30:00+07:00')));
    expect(iso(cal.officeTimeBefore(at('2027-02-05T10:00:00+07:00'), '07:30', '17:00'))).toBe(iso(at('2027-02-03T07:30:00+07:00')));
    expect(iso(cal.officeTime(at('2027-02-03T06:00:00+07:00'), '07:30', '17:00'))).toBe(iso(at('2027-02-03T07:30:00+07:00')));
    expect(iso(cal.officeTimeBefore(at('2027-02-03T19:00:00+07:00'), '07:30', '17:00'))).toBe(iso(at('2027-02-03T07:30:00+07:00')));
    expect(iso(cal.officeTime(at('2027-02-03T16:59:00+07:00'), '07:30', '17:00'))).toBe(iso(at('2027-02-03T16:59:00+07:00')));
  });

  it('refuses a negative, fractional or huge count', () => {
    for (const n of [-1, 1.5, 100_000]) expect(() => cal.addWorkingDays('2026-01-05T08:00:00+07:00', n)).toThrow(RangeError);
  });
});
