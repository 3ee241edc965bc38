/** ISO-8601 durations (P7D, PT30S, P1DT2H...) to milliseconds; pure, safe in workflow code. */

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO-8601 duration made of weeks, days, hours, minutes and seconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  return Math.round(((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (min ?? 0)) * 60_000 + (s ?? 0) * 1000);
}

/**
 * A duration split into whole days (its weeks and days) and the rest in milliseconds (a fraction of a day,
 * hours, minutes, seconds): counted in working days, the days are working days and the rest clock time.
 */
export function durationParts(text: string): { days: number; restMs: number } {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new Error(`"${text}" is not an ISO-8601 duration such as P7D or PT30S`);
  const totalDays = Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
  const days = Math.floor(totalDays);
  return { days, restMs: durationMs(text) - days * 86_400_000 };
}

/** Like parseDuration, but throws naming the bad value. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`"${text}" is not an ISO-8601 duration such as P7D or PT30S`);
  return ms;
}

/** Formats milliseconds as a compact ISO-8601 duration (P1DT2H, PT30S, PT0.25S, PT0S). */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  const d = Math.floor(rest / 86_400_000);
  rest -= d * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const min = Math.floor(rest / 60_000);
  const s = (rest - min * 60_000) / 1000;
  const time = `${h ? `${h}H` : ''}${min ? `${min}M` : ''}${s ? `${s}S` : ''}`;
  if (!d && !time) return 'PT0S';
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

/** Milliseconds of one plan day: a rehearsal's day length (an ISO-8601 duration), else a real day. */
export function planDayMs(dayLength: string | null | undefined): number {
  return dayLength ? durationMs(dayLength) : 86_400_000;
}

/** A real delay as plan time: in a rehearsal whose day lasts 2 s (PT2S), 9 s are 4 days 12 hours. */
export function inPlanTime(ms: number, dayLength: string | null | undefined): number {
  return (ms * 86_400_000) / planDayMs(dayLength);
}
