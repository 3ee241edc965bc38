/**
 * The Vietnamese lunisolar calendar (âm lịch), computed, not tabulated: Hồ Ngọc Đức's published algorithm
 * ("Thuật toán tính âm lịch", Hồ Ngọc Đức, 2004, after Jean Meeus, "Astronomical Algorithms", 1998) with the
 * new moons and solar terms reckoned at UTC+7, Vietnam's time zone. The Chinese calendar reckons them at
 * UTC+8, so the two differ whenever a new moon or a solar term falls between 16:00 and 17:00 UTC: Tết 1985
 * was 21/01/1985 in Vietnam and 20/02/1985 in China, Tết 2007 17/02 against 18/02. No npm package computes
 * the Vietnamese calendar and is kept (the Chinese ones reckon at UTC+8); this one is checked against an
 * independent dataset (python-holidays) for every Tết and Giỗ Tổ of 1980–2040 in its tests. Pure.
 */

/** A day of the Gregorian calendar. */
export interface SolarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A day of the lunar calendar; `leap` marks the intercalary month (tháng nhuận). */
export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly leap: boolean;
}

/** Vietnam's offset from UTC in hours, at which the calendar is reckoned. */
const VIETNAM_UTC_OFFSET = 7;
const SYNODIC_MONTH = 29.530588853;
/** The Julian day of the new moon of 1 January 1900 (k = 0). */
const NEW_MOON_EPOCH = 2415021.076998695;

const int = Math.floor;

/** The Julian day number of a Gregorian date. */
export function julianDay(d: SolarDate): number {
  const a = int((14 - d.month) / 12);
  const y = d.year + 4800 - a;
  const m = d.month + 12 * a - 3;
  return d.day + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - int(y / 100) + int(y / 400) - 32045;
}

/** The Gregorian date of a Julian day number. */
export function fromJulianDay(jd: number): SolarDate {
  const a = jd + 32044;
  const b = int((4 * a + 3) / 146097);
  const c = a - int((b * 146097) / 4);
  const d = int((4 * c + 3) / 1461);
  const e = c - int((1461 * d) / 4);
  const m = int((5 * e + 2) / 153);
  return { day: e - int((153 * m + 2) / 5) + 1, month: m + 3 - 12 * int(m / 10), year: b * 100 + d - 4800 + int(m / 10) };
}

/** The instant (Julian day, UT) of the k-th new moon after 1 January 1900 (Meeus, ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's ecliptic longitude (radians, 0..2π) at a Julian day (Meeus, ch. 25, low precision). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  dl = dl + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  const l = (L0 + dl) * dr;
  return l - Math.PI * 2 * int(l / (Math.PI * 2));
}

/** Which twelfth of the ecliptic (0..11) the sun is in at the start of local day `jd`. */
function sunSector(jd: number): number {
  return int((sunLongitude(jd - 0.5 - VIETNAM_UTC_OFFSET / 24) / Math.PI) * 6);
}

/** The local day (Julian day number) of the k-th new moon. */
function newMoonDay(k: number): number {
  return int(newMoon(k) + 0.5 + VIETNAM_UTC_OFFSET / 24);
}

/** The first day of the 11th lunar month (the one holding the winter solstice) of Gregorian year `year`. */
function month11(year: number): number {
  const off = julianDay({ year, month: 12, day: 31 }) - 2415021;
  const k = int(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** In a leap year starting at month 11 `a11`, how many months after it the leap month comes (no major solar term). */
function leapMonthOffset(a11: number): number {
  const k = int((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a Gregorian date, in Vietnam. */
export function solarToLunar(d: SolarDate): LunarDate {
  const dayNumber = julianDay(d);
  const k = int((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = month11(d.year);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = d.year;
    a11 = month11(d.year - 1);
  } else {
    year = d.year + 1;
    b11 = month11(d.year + 1);
  }
  const day = dayNumber - monthStart + 1;
  const diff = int((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day, leap };
}

/** The Gregorian date of a lunar date in Vietnam; undefined for a leap month the year does not have. */
export function lunarToSolar(d: LunarDate): SolarDate | undefined {
  const [a11, b11] = d.month < 11 ? [month11(d.year - 1), month11(d.year)] : [month11(d.year), month11(d.year + 1)];
  const k = int(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = d.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (d.leap && d.month !== leapMonth) return undefined;
    if (d.leap || off >= leapOff) off += 1;
  } else if (d.leap) {
    return undefined;
  }
  return fromJulianDay(newMoonDay(k + off) + d.day - 1);
}

/** The first day of the lunar year (mùng 1 Tết) that begins in Gregorian year `year`. */
export function tet(year: number): SolarDate {
  return lunarToSolar({ year, month: 1, day: 1, leap: false })!;
}
