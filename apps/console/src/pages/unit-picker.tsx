/**
 * Choosing the participating units: the chosen ones always shown as chips with their count (a search narrows
 * only the list to pick from, never the selection), a template's suggestion announced and undoable, and the
 * launch confirmed with the list of units it will start.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export interface PickableUnit {
  readonly id: string;
  readonly name: string;
}

/** What a template suggested: how many of its units were ticked, and how to take that back. */
export interface UnitSuggestion {
  readonly source: string;
  readonly ticked: number;
  /** Units of the template that are not in the directory (they cannot be chosen). */
  readonly missing: number;
  readonly undo: () => void;
}

export function UnitPicker({
  units,
  selected,
  onChange,
  suggestion,
  error,
  children,
}: {
  units: readonly PickableUnit[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  suggestion?: UnitSuggestion;
  error?: string;
  children?: ReactNode;
}) {
  const { t, f } = useT();
  const [filter, setFilter] = useState('');
  const searchId = useId();
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const shown = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase('vi');
    return q ? units.filter((u) => `${u.name} ${u.id}`.toLocaleLowerCase('vi').includes(q)) : units;
  }, [units, filter]);
  const chosen = [...selected].map((id) => byId.get(id) ?? { id, name: id });
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  const allShown = shown.length > 0 && shown.every((u) => selected.has(u.id));
  return (
    <fieldset className="unit-picker-box">
      <legend>
        {t('pickUnits')} ({f('unitsChosen', selected.size, units.length)})
      </legend>
      {suggestion && (
        <div className="note" role="status">
          <p>{f('templateSuggested', suggestion.source, suggestion.ticked, suggestion.missing)}</p>
          <button type="button" onClick={suggestion.undo}>
            {t('undoSuggestion')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="chosen" aria-live="polite">
        <p className="chosen-count">
          <strong>{f('unitsChosenCount', selected.size)}</strong>
          {selected.size > 0 && (
            <button type="button" className="link" onClick={() => onChange(new Set())}>
              {t('clearChoice')}
            </button>
          )}
        </p>
        {chosen.length > 0 && (
          <ul className="chips" aria-label={t('chosenUnits')}>
            {chosen.map((u) => (
              <li key={u.id} className="chip">
                <span>{u.name}</span>
                <button type="button" aria-label={f('unchoose', u.name)} title={f('unchoose', u.name)} onClick={() => toggle(u.id, false)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {children}
      <div className="field">
        <label htmlFor={searchId}>{t('searchUnitsToPick')}</label>
        <input id={searchId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        {filter && <small className="hint">{f('shownOf', shown.length, units.length)}</small>}
      </div>
      <div className="field checkbox">
        <input
          id={`${searchId}-all`}
          type="checkbox"
          checked={allShown}
          disabled={shown.length === 0}
          onChange={(e) => {
            const next = new Set(selected);
            for (const u of shown)
              if (e.target.checked) next.add(u.id);
              else next.delete(u.id);
            onChange(next);
          }}
        />
        <label htmlFor={`${searchId}-all`}>{filter ? f('selectAllShown', shown.length) : t('selectAll')}</label>
      </div>
      <ul className="unit-picker">
        {shown.map((u) => (
          <li key={u.id}>
            <input id={`unit-${u.id}`} type="checkbox" checked={selected.has(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
            <label htmlFor={`unit-${u.id}`}>{u.name}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** "Phát động cho N đơn vị?" with the units listed, before a campaign is launched. */
export function LaunchConfirm({
  units,
  busy,
  onConfirm,
  onCancel,
}: {
  units: readonly PickableUnit[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t, f } = useT();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="launch-confirm-title">
      <p id="launch-confirm-title">
        <strong>{f('launchFor', units.length)}</strong>
      </p>
      <ol className="launch-units">
        {units.map((u) => (
          <li key={u.id}>{u.name}</li>
        ))}
      </ol>
      <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
        {t('launch')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('back')}
      </button>
    </div>
  );
}
