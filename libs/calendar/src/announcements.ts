/**
 * The government's announced swaps that the rules cannot know (a Saturday worked for a bridging day off),
 * seeded into the override table. Each is checked against python-holidays 0.108 (VietnamStaticHolidays) and
 * the documents it cites: Công văn 6519/VPCP-KGVX (2018, for 31/12/2018), Công văn 2450/VPCP-KGVX (2024),
 * Thông báo 6150/TB-BLĐTBXH (2024, the 2025 holidays: 2/5 off for Saturday 26/4, as the 2025 schedule
 * 30/4–4/5), the 2026 National Day schedule (31/8 off for Saturday 22/8); 2015 and 2019 as that dataset
 * lists them. Later years are entered by admins when announced.
 */
import type { CalendarOverride } from './calendar';
import { CALENDAR_YEARS } from './holidays';

const swap = (off: string, worked: string, reason: string): CalendarOverride[] => {
  const [y, m, d] = worked.split('-');
  const [oy, om, od] = off.split('-');
  return [
    { date: off, kind: 'day-off', name: `Nghỉ ${reason} (làm bù thứ Bảy ${d}/${m}/${y})` },
    { date: worked, kind: 'working-day', name: `Làm việc bù cho ngày nghỉ ${od}/${om}/${oy}` },
  ];
};

/** The announced overrides known when this was written. */
export const ANNOUNCED_OVERRIDES: readonly CalendarOverride[] = [
  ...swap('2015-01-02', '2014-12-27', 'dịp Tết Dương lịch'),
  ...swap('2015-02-16', '2015-02-14', 'dịp Tết Nguyên đán'),
  ...swap('2015-04-29', '2015-04-25', 'dịp 30/4'),
  ...swap('2018-12-31', '2019-01-05', 'dịp Tết Dương lịch'),
  ...swap('2019-04-29', '2019-05-04', 'dịp 30/4 – 1/5'),
  ...swap('2024-04-29', '2024-05-04', 'dịp 30/4 – 1/5'),
  ...swap('2025-05-02', '2025-04-26', 'dịp 30/4 – 1/5'),
  ...swap('2026-08-31', '2026-08-22', 'dịp Quốc khánh'),
].filter((o) => Number(o.date.slice(0, 4)) >= CALENDAR_YEARS.first); // 27/12/2014 lies before the calendar's years
