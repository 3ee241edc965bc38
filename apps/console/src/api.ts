/** The console's only way to the server: JSON (and file uploads) over the public API, with the session's bearer token. */

export type Role = 'admin' | 'coordinator' | 'leader' | 'council' | 'unit';

/** A signed-in person acting in one role of one organisation (switching gives a new session). */
export interface Session {
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly role: Role;
  readonly username: string;
  readonly unitId?: string;
  readonly orgId: string;
  readonly orgName: string;
}

export interface FieldProblem {
  readonly field?: string;
  readonly message: string;
}

/** An error answer of the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
  }

  /** Messages by the last segment of their field ("definition.milestones.registrationDue" → "registrationDue"), for forms. */
  byField(): Record<string, string> {
    return Object.fromEntries(this.details.map((d) => [(d.field ?? '').split('.').pop() ?? '', d.message]));
  }

  /** The message of the first problem whose field ends with `name` (e.g. "registrationDue"), worded for the person (no field path). */
  field(name: string): string | undefined {
    const problem = this.details.find((d) => d.field === name || d.field?.endsWith(`.${name}`));
    return problem && plainMessage(problem);
  }
}

/**
 * A problem's message without the API's field path, which the form's own label replaces: "id: chỉ gồm chữ
 * thường…" → "Chỉ gồm chữ thường…", "setup.issuer.place (địa danh) không được để trống" → "Không được để trống".
 */
export function plainMessage(p: FieldProblem): string {
  let m = p.message;
  const first = m.split(/\s+/)[0] ?? '';
  if (p.field && (first === p.field || first === `${p.field}:` || first.replace(/:$/, '') === p.field))
    m = m.slice(first.length).trimStart();
  m = m.replace(/^\([^)]*\p{L}[^)]*\)\s*/u, ''); // "(địa danh)": the field's name in words; a value like "(6)" stays
  return m.charAt(0).toLocaleUpperCase('vi') + m.slice(1);
}

const KEY = 'thi-dua-session';
/** Why a session ended on the server's word: its time was up, or the account was locked. */
export type SessionEnd = 'expired' | 'disabled';
let onExpired: (why: SessionEnd) => void = () => undefined;

export function loadSession(): Session | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    // A session saved before organisations names none: sign in again.
    return s && typeof s.orgId === 'string' && Date.parse(s.expiresAt) > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

/** Called when the server says the session is gone (401): the app returns to the login page. */
export function whenSessionExpires(fn: (why: SessionEnd) => void): void {
  onExpired = fn;
}

/** The server ended the session (its token expired, or the account was locked): back to the login page. */
export function endSession(why: SessionEnd = 'expired'): void {
  saveSession(undefined);
  onExpired(why);
}

/** Calls the API with a JSON body (or a FormData upload); throws ApiError on any error answer (network errors too, in Vietnamese). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const session = loadSession();
  // A FormData body (a file upload) sets its own multipart content type.
  const form = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
        ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Không kết nối được máy chủ; vui lòng kiểm tra mạng và thử lại');
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (res.ok) return data as T;
  const err = (data ?? {}) as { message?: string; details?: FieldProblem[] };
  if (res.status === 401 && session) endSession(/khóa/.test(err.message ?? '') ? 'disabled' : 'expired');
  throw new ApiError(res.status, err.message ?? `Lỗi ${res.status}`, err.details ?? []);
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}): Promise<T> => api<T>('POST', path, body);

/** Downloads a file the API serves (with the session's token) under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const session = loadSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  if (!res.ok) throw new ApiError(res.status, `Không tải được tệp (lỗi ${res.status})`);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = filename;
  a.click();
  URL.revokeObjectURL(a.href);
}

/**
 * Whether the person changes what belongs to `orgId`: an admin or coordinator of that very organisation. The
 * campaigns of the organisations below, and every campaign for a leader or a council member, are read only
 * (the API refuses the rest; the console does not offer it).
 */
export function mayAct(session: Session, orgId: string): boolean {
  return (session.role === 'admin' || session.role === 'coordinator') && session.orgId === orgId;
}
