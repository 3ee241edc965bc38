/** Vietnamese formatting of instants and delays, in the campaign's timezone. Pure. */

/** One formatter per timezone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** dd/MM/yyyy HH:mm in the given timezone (24-hour clock). */
export function formatDateTime(iso: string, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** "2026-12-05T09:30:00+07:00": an instant in ISO 8601 with the offset of `tz`, as the visible signature shows it. */
export function isoWithOffset(instant: Date, tz: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName.replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** dd/MM/yyyy in the given timezone. */
export function formatDate(iso: string, timeZone: string): string {
  return formatDateTime(iso, timeZone).slice(0, 10);
}

/** "3 ngày 4 giờ", "25 phút", "40 giây": a delay in Vietnamese words. */
export function formatDelay(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [d ? `${d} ngày` : '', h ? `${h} giờ` : '', !d && m ? `${m} phút` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : `${s} giây`;
}
