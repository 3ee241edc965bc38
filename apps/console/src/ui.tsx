/** Small shared pieces: fields with their errors, alerts, badges, confirmation, data loading. */
import { cloneElement, isValidElement, useCallback, useEffect, useId, useState, type ReactElement, type ReactNode } from 'react';
import { parseDuration } from '@thidua/contracts';
import { ApiError, plainMessage } from './api';
import { concerns, isLive, onLive, type LiveTopic } from './live';
import { displayLocal, parseLocal } from './format';
import { PHASES, useT, type Label } from './i18n';

/**
 * A labelled field with its error beside it: the one form pattern of the console. The control gets
 * `aria-describedby` (from `children`'s second argument) and, while there is an error, `aria-invalid`.
 */
export function Field({
  label,
  error,
  children,
  hint,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string, describedBy?: string) => ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const control = children(id, error ? errId : undefined);
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {error && isValidElement(control)
        ? cloneElement(control as ReactElement<{ 'aria-invalid'?: boolean }>, { 'aria-invalid': true })
        : control}
      {hint && !error && <small className="hint">{hint}</small>}
      {error && (
        <small className="error" id={errId} role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** A select over a label map (value → [Vietnamese, English]), in the current language. */
export function MapSelect({
  id,
  value,
  onChange,
  options,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: Record<string, Label>;
}) {
  const { l } = useT();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {Object.keys(options).map((k) => (
        <option key={k} value={k}>
          {l(options, k)}
        </option>
      ))}
    </select>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  // Field problems in the person's words, never the API's field names ("Dữ liệu không hợp lệ: id").
  if (error instanceof ApiError && error.status === 400 && error.details.some((d) => d.field)) {
    return (
      <div className="alert" role="alert">
        <p>Dữ liệu chưa hợp lệ, vui lòng sửa:</p>
        <ul>
          {[...new Set(error.details.map(plainMessage))].map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );
  }
  // One problem with its field ("file: …"): its words without the field's name.
  const single =
    error instanceof ApiError && error.details.length === 1 && error.details[0].field ? plainMessage(error.details[0]) : undefined;
  const message =
    single ??
    (error instanceof ApiError || error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error));
  return (
    <p className="alert" role="alert">
      {message}
    </p>
  );
}

export function PhaseBadge({ phase }: { phase: string }) {
  const { l } = useT();
  return <span className={`badge phase-${phase}`}>{l(PHASES, phase)}</span>;
}

/** A button that asks for confirmation in place before running `action`. */
export function ConfirmButton({
  label,
  onConfirm,
  danger,
  children,
}: {
  label: string;
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
  children?: ReactNode;
}) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!asking) {
    return (
      <button type="button" className={danger ? 'danger' : ''} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>
        <strong>{label}</strong> — {t('areYouSure')}
      </p>
      {children}
      <ErrorBox error={error} />
      <button
        type="button"
        className={danger ? 'danger' : 'primary'}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          onConfirm().then(
            () => {
              setBusy(false);
              setAsking(false);
            },
            (e: unknown) => {
              setBusy(false);
              setError(e);
            },
          );
        }}
      >
        {t('confirm')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('back')}
      </button>
    </div>
  );
}

/**
 * Loads data and reloads it on demand; when a `live` topic is given, whenever the live stream says it changed;
 * and every `pollMs` while the live stream is down (the fallback).
 */
export function useData<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  pollMs?: number,
  live?: LiveTopic,
): { data?: T; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data }),
      (error: unknown) => current && setState((s) => ({ ...s, error })),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);
  const topic = live === undefined ? undefined : JSON.stringify(live);
  useEffect(() => {
    if (!live) return undefined;
    return onLive((e) => concerns(e, live) && reload());
  }, [topic, reload]);
  useEffect(() => {
    if (!pollMs) return;
    const h = setInterval(() => !(live && isLive()) && reload(), pollMs);
    return () => clearInterval(h);
  }, [pollMs, reload, topic]);
  return { ...state, reload };
}

export function Loading() {
  const { t } = useT();
  return <p aria-busy="true">{t('loading')}</p>;
}

/**
 * A date and time typed as "dd/MM/yyyy HH:mm" whatever the browser's locale (never its own picker, which
 * showed "11/29/2026, 09:20:48 PM"). `value` and `onChange` speak the local "yyyy-MM-ddTHH:mm:ss" of
 * toLocalInput/fromLocalInput; a text that is no real date reaches `onChange` as "invalid:<text>", which
 * fromLocalInput refuses, so the form names the field.
 */
export function DateTimeInput({
  value,
  onChange,
  ...rest
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  required?: boolean;
}) {
  const [text, setText] = useState(displayLocal(value));
  useEffect(() => {
    // A value set from outside (a template applied, a draft loaded) is shown; what the user is typing stays.
    if ((parseLocal(text) ?? `invalid:${text}`) !== value)
      setText(value.startsWith('invalid:') ? value.slice('invalid:'.length) : displayLocal(value));
  }, [value]);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy hh:mm"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.trim() === '' ? '' : (parseLocal(e.target.value) ?? `invalid:${e.target.value}`));
      }}
    />
  );
}

/** A rehearsal's day length, said where its days are shown: its numbers of days are plan days, not real ones. */
export function RehearsalNote({ dayLength }: { dayLength: string }) {
  const { f } = useT();
  return (
    <p className="note rehearsal-note" role="note">
      {f('rehearsalDay', (parseDuration(dayLength) ?? 0) / 1000)}
    </p>
  );
}

/** The options of an organisation select, indented by level below the person's organisation. */
export function OrgOptions({ orgs }: { orgs: ReadonlyArray<{ id: string; name: string; depth: number }> }) {
  return (
    <>
      {orgs.map((o) => (
        <option key={o.id} value={o.id}>
          {'\u2003'.repeat(o.depth)}
          {o.name}
        </option>
      ))}
    </>
  );
}

/** The options of a unit select: the units of one organisation's directory. */
export function UnitOptions({ units, orgId }: { units: ReadonlyArray<{ id: string; name: string; orgId: string }>; orgId: string }) {
  return (
    <>
      {units
        .filter((u) => u.orgId === orgId)
        .map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
    </>
  );
}

/** The end of a form: its error, "saved" once it is, and its submit button (none on a read-only form). */
export function FormEnd({ error, saved, submit = true }: { error: unknown; saved: boolean; submit?: boolean }) {
  const { t } = useT();
  return (
    <>
      <ErrorBox error={error} />
      {saved && (
        <p className="success" role="status">
          {t('saved')}
        </p>
      )}
      {submit && (
        <button type="submit" className="primary">
          {t('save')}
        </button>
      )}
    </>
  );
}
