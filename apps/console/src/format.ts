/** Dates the Vietnamese way (dd/MM/yyyy HH:mm) in the campaign's timezone, and conversions for date inputs. */
import { inPlanTime } from '@thidua/contracts';

function parts(iso: string | number, timeZone: string): Record<string, string> {
  const p = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  return Object.fromEntries(p.map((x) => [x.type, x.value]));
}

export function formatDateTime(iso: string | null | undefined, timeZone: string, seconds = false): string {
  if (!iso) return '—';
  const p = parts(iso, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** Today where `timeZone` is, as a date input holds it (yyyy-MM-dd). */
export function today(timeZone: string): string {
  const p = parts(Date.now(), timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

export function formatDate(iso: string | null | undefined, timeZone: string): string {
  return iso ? formatDateTime(iso, timeZone).slice(0, 10) : '—';
}

/** Offset of the timezone at an instant, in minutes (Asia/Ho_Chi_Minh: +420). */
function offsetMinutes(at: number, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/** ISO instant → the local value ("yyyy-MM-ddTHH:mm:ss") a DateTimeInput edits, in the campaign's time zone. */
export function toLocalInput(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const p = parts(iso, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** A local value (campaign time) → ISO instant with the campaign's offset; undefined when it is not one. */
export function fromLocalInput(value: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return undefined;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const off = offsetMinutes(naive, timeZone);
  const sign = off >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
  const mm = String(Math.abs(off) % 60).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${sign}${hh}:${mm}`;
}

/** "còn 3 ngày 4 giờ" / "quá hạn 2 ngày" (or English), from now to `iso`; in plan days in a rehearsal (`dayLength`). */
export function countdown(iso: string, now: number, lang: 'vi' | 'en', dayLength?: string | null): { text: string; overdue: boolean } {
  const ms = inPlanTime(Date.parse(iso) - now, dayLength);
  const s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const vi = [d ? `${d} ngày` : '', h ? `${h} giờ` : '', !d && m ? `${m} phút` : '', !d && !h && !m ? `${s % 60} giây` : '']
    .filter(Boolean)
    .join(' ');
  const en = [d ? `${d} d` : '', h ? `${h} h` : '', !d && m ? `${m} min` : '', !d && !h && !m ? `${s % 60} s` : '']
    .filter(Boolean)
    .join(' ');
  if (ms >= 0) return { text: lang === 'vi' ? `còn ${vi}` : `${en} left`, overdue: false };
  return { text: lang === 'vi' ? `quá hạn ${vi}` : `${en} overdue`, overdue: true };
}

/** A local value ("yyyy-MM-ddTHH:mm:ss") as typed by Vietnamese users: "dd/MM/yyyy HH:mm" (":ss" when not 0). */
export function displayLocal(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return value;
  return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}${m[6] && m[6] !== '00' ? `:${m[6]}` : ''}`;
}

/**
 * What a user typed ("dd/MM/yyyy HH:mm[:ss]", or "yyyy-MM-ddTHH:mm[:ss]") as a local value, or undefined
 * when it is not a real date and time (30/02, 24:00 are refused, not shifted).
 */
export function parseLocal(text: string): string | undefined {
  const t = text.trim();
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  const [y, mo, d, h, mi, s] = vi
    ? [vi[3], vi[2], vi[1], vi[4], vi[5], vi[6]]
    : iso
      ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
      : [];
  if (y === undefined) return undefined;
  const n = [y, mo, d, h, mi, s ?? '0'].map(Number);
  const check = new Date(Date.UTC(n[0], n[1] - 1, n[2], n[3], n[4], n[5]));
  if (
    check.getUTCFullYear() !== n[0] ||
    check.getUTCMonth() !== n[1] - 1 ||
    check.getUTCDate() !== n[2] ||
    check.getUTCHours() !== n[3] ||
    check.getUTCMinutes() !== n[4] ||
    n[5] > 59
  )
    return undefined;
  const two = (v: number): string => String(v).padStart(2, '0');
  return `${n[0]}-${two(n[1])}-${two(n[2])}T${two(n[3])}:${two(n[4])}:${two(n[5])}`;
}

/** Whether any of `hay` contains the search text, accents and case ignored ("ben thanh" finds "Phường Bến Thành"). */
export function matches(needle: string, ...hay: Array<string | null | undefined>): boolean {
  const fold = (x: string): string =>
    x
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  const n = fold(needle.trim());
  return !n || hay.some((h) => h && fold(h).includes(n));
}
