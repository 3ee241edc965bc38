/** Admin housekeeping without curl: the unit directory (add, import a template's units) and accounts. */
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '@thidua/contracts';
import { api, ApiError, get, post, type Session } from '../api';
import { UNIT_KINDS, useT, type Label } from '../i18n';
import type { DirectoryUnit, GrantView, OrganisationView } from '../types';
import { matches } from '../format';
import { ConfirmButton, ErrorBox, Field, FormEnd, Loading, MapSelect, OrgOptions, UnitOptions, useData } from '../ui';

interface Account {
  id: string;
  username: string;
  role: 'admin' | 'coordinator' | 'leader' | 'council' | 'unit';
  unitId: string | null;
  grants: GrantView[];
  displayName: string | null;
  createdAt: string;
  disabled: boolean;
}

/** A unit's row: its name and e-mails edited in place. */
function UnitRowView({ u, onDone }: { u: DirectoryUnit; onDone: () => void }) {
  const { t, l } = useT();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ name: u.name, headEmail: u.headEmail ?? '', contactEmail: u.contactEmail ?? '' });
  const [error, setError] = useState<unknown>();
  const fe = (f: string) => (error instanceof ApiError ? error.field(f) : undefined);
  if (!editing) {
    return (
      <tr data-unit={u.id}>
        <td>{u.id}</td>
        <td>{u.name}</td>
        <td>{l(UNIT_KINDS, u.kind)}</td>
        <td>
          <button type="button" onClick={() => setEditing(true)} aria-label={`${t('edit')} ${u.name}`}>
            {t('edit')}
          </button>
        </td>
      </tr>
    );
  }
  return (
    <tr data-unit={u.id}>
      <td>{u.id}</td>
      <td colSpan={3}>
        <Field label={t('unitNameField')} error={fe('name')}>
          {(id, d) => <input id={id} aria-describedby={d} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label={t('headEmailField')} error={fe('headEmail')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="email"
              value={form.headEmail}
              onChange={(e) => setForm({ ...form, headEmail: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('contactEmailField')} error={fe('contactEmail')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="email"
              value={form.contactEmail}
              onChange={(e) => setForm({ ...form, contactEmail: e.target.value })}
            />
          )}
        </Field>
        <ErrorBox error={error} />
        <button
          type="button"
          className="primary"
          onClick={() =>
            void api('PATCH', `/api/units/${encodeURIComponent(u.id)}`, {
              name: form.name,
              ...(form.headEmail.trim() ? { headEmail: form.headEmail.trim() } : {}),
              ...(form.contactEmail.trim() ? { contactEmail: form.contactEmail.trim() } : {}),
            }).then(() => (setEditing(false), onDone()), setError)
          }
        >
          {t('save')}
        </button>{' '}
        <button type="button" onClick={() => setEditing(false)}>
          {t('back')}
        </button>
      </td>
    </tr>
  );
}

/** An account's row: lock or unlock it, reset its password. */
/**
 * The roles of one account where the admin manages them (their organisation and those below): taken away one by
 * one, or a role added in an organisation of their choosing; saved together (roles elsewhere are kept).
 */
function RolesEditor({ a, orgs, units, onDone }: { a: Account; orgs: OrganisationView[]; units: DirectoryUnit[]; onDone: () => void }) {
  const { t, l } = useT();
  const [grants, setGrants] = useState(a.grants.map((g) => ({ orgId: g.orgId, role: g.role, unitId: g.unitId })));
  const [add, setAdd] = useState({ orgId: orgs[0]?.id ?? '', role: 'coordinator', unitId: '' });
  const [error, setError] = useState<unknown>();
  const name = new Map(orgs.map((o) => [o.id, o.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return (
    <div className="panel roles-editor" role="group" aria-label={`${t('rolesOf')} ${a.username}`}>
      <ul className="grants">
        {grants.map((g, i) => (
          <li key={`${g.orgId}|${g.role}`}>
            {l(ROLE_NAMES, g.role)}
            {g.unitId ? ` (${unitName.get(g.unitId) ?? g.unitId})` : ''} · {name.get(g.orgId) ?? g.orgId}{' '}
            <button type="button" onClick={() => setGrants(grants.filter((_, j) => j !== i))}>
              {t('removeRole')}
            </button>
          </li>
        ))}
      </ul>
      <Field label={t('accountOrg')}>
        {(id) => (
          <select id={id} value={add.orgId} onChange={(e) => setAdd({ ...add, orgId: e.target.value, unitId: '' })}>
            <OrgOptions orgs={orgs} />
          </select>
        )}
      </Field>
      <Field label={t('role')}>
        {(id) => <MapSelect id={id} value={add.role} onChange={(role) => setAdd({ ...add, role })} options={ROLE_NAMES} />}
      </Field>
      {add.role === 'unit' && (
        <Field label={t('unit')}>
          {(id) => (
            <select id={id} value={add.unitId} onChange={(e) => setAdd({ ...add, unitId: e.target.value })}>
              <option value="">—</option>
              <UnitOptions units={units} orgId={add.orgId} />
            </select>
          )}
        </Field>
      )}
      <button
        type="button"
        onClick={() =>
          setGrants([...grants, { orgId: add.orgId, role: add.role as Account['role'], unitId: add.role === 'unit' ? add.unitId : null }])
        }
      >
        {t('addRole')}
      </button>{' '}
      <ErrorBox error={error} />
      <button
        type="button"
        className="primary"
        onClick={() =>
          void api('PUT', `/api/accounts/${a.id}/roles`, {
            grants: grants.map((g) => ({ orgId: g.orgId, role: g.role, ...(g.unitId ? { unitId: g.unitId } : {}) })),
          }).then(onDone, setError)
        }
      >
        {t('saveRoles')}
      </button>
    </div>
  );
}

function AccountRowView({ a, orgs, units, onDone }: { a: Account; orgs: OrganisationView[]; units: DirectoryUnit[]; onDone: () => void }) {
  const { t, l } = useT();
  const [editingRoles, setEditingRoles] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  return (
    <tr data-account={a.username} className={a.disabled ? 'disabled' : ''}>
      <td>
        {a.username} {a.disabled && <span className="badge">{t('accountDisabled')}</span>}
      </td>
      <td>
        <ul className="grants">
          {a.grants.map((g) => (
            <li key={`${g.orgId}|${g.role}`}>
              {l(ROLE_NAMES, g.role)}
              {g.unitName ? ` (${g.unitName})` : ''} · <small>{g.orgName}</small>
            </li>
          ))}
        </ul>
        {!editingRoles ? (
          <button type="button" onClick={() => setEditingRoles(true)} aria-label={`${t('editRoles')} ${a.username}`}>
            {t('editRoles')}
          </button>
        ) : (
          <RolesEditor a={a} orgs={orgs} units={units} onDone={() => (setEditingRoles(false), onDone())} />
        )}
      </td>
      <td>{a.displayName ?? ''}</td>
      <td>
        <ConfirmButton
          label={a.disabled ? t('enableAccount') : t('disableAccount')}
          danger={!a.disabled}
          onConfirm={() => api('PATCH', `/api/accounts/${a.id}`, { disabled: !a.disabled }).then(onDone)}
        />{' '}
        {!resetting ? (
          <button type="button" onClick={() => setResetting(true)}>
            {t('resetPassword')}
          </button>
        ) : (
          <>
            <Field label={`${t('newPassword')} (${a.username})`} error={error instanceof ApiError ? error.field('password') : undefined}>
              {(id, d) => (
                <input
                  id={id}
                  aria-describedby={d}
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <button
              type="button"
              className="primary"
              onClick={() =>
                void post(`/api/accounts/${a.id}/password`, { password }).then(
                  () => (setResetting(false), setPassword(''), setError(undefined), setDone(t('passwordResetDone'))),
                  setError,
                )
              }
            >
              {t('save')}
            </button>
          </>
        )}
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
      </td>
    </tr>
  );
}

/** The roles as the console labels them (Vietnamese from the contracts, English beside). */
const ROLE_NAMES: Record<string, Label> = {
  admin: [ROLE_LABELS.admin, 'Admin'],
  coordinator: [ROLE_LABELS.coordinator, 'Coordinator'],
  leader: [ROLE_LABELS.leader, 'Leader (signs)'],
  council: [ROLE_LABELS.council, 'Council member'],
  unit: [ROLE_LABELS.unit, 'Unit clerk'],
};

function UnitForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const [form, setForm] = useState({ id: '', name: '', kind: 'ward', headEmail: '', contactEmail: '' });
  const [error, setError] = useState<ApiError | Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await post('/api/units', {
        id: form.id.trim(),
        name: form.name.trim(),
        kind: form.kind,
        ...(form.headEmail ? { headEmail: form.headEmail.trim() } : {}),
        ...(form.contactEmail ? { contactEmail: form.contactEmail.trim() } : {}),
      });
      setForm({ id: '', name: '', kind: 'ward', headEmail: '', contactEmail: '' });
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const fe = (f: string) => (error instanceof ApiError ? error.field(f) : undefined);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label={t('addUnit')} noValidate>
      <h3>{t('addUnitHeading')}</h3>
      <Field label={t('unitIdField')} error={fe('id')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.id} onChange={set('id')} />}
      </Field>
      <Field label={t('unitNameField')} error={fe('name')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.name} onChange={set('name')} />}
      </Field>
      <Field label={t('unitKindField')} error={fe('kind')}>
        {(id) => <MapSelect id={id} value={form.kind} onChange={(kind) => setForm({ ...form, kind })} options={UNIT_KINDS} />}
      </Field>
      <Field label={t('headEmailField')} error={fe('headEmail')}>
        {(id, d) => <input id={id} aria-describedby={d} type="email" value={form.headEmail} onChange={set('headEmail')} />}
      </Field>
      <Field label={t('contactEmailField')} error={fe('contactEmail')}>
        {(id, d) => <input id={id} aria-describedby={d} type="email" value={form.contactEmail} onChange={set('contactEmail')} />}
      </Field>
      <ErrorBox error={error} />
      <button type="submit" className="primary">
        {t('save')}
      </button>
    </form>
  );
}

function AccountForm({
  session,
  orgs,
  units,
  onDone,
}: {
  session: Session;
  orgs: OrganisationView[];
  units: DirectoryUnit[];
  onDone: () => void;
}) {
  const { t } = useT();
  const [form, setForm] = useState({ username: '', password: '', role: 'unit', unitId: '', displayName: '', orgId: session.orgId });
  const [error, setError] = useState<ApiError | Error>();
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await post('/api/accounts', {
        username: form.username.trim(),
        password: form.password,
        role: form.role,
        ...(form.role === 'unit' ? { unitId: form.unitId } : {}),
        ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}),
        orgId: form.orgId,
      });
      setForm({ username: '', password: '', role: form.role, unitId: '', displayName: '', orgId: form.orgId });
      setSaved(true);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const fe = (f: string) => (error instanceof ApiError ? error.field(f) : undefined);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label={t('createAccount')} noValidate>
      <h3>{t('createAccount')}</h3>
      <Field label={t('username')} error={fe('username')}>
        {(id, d) => <input id={id} aria-describedby={d} autoComplete="off" value={form.username} onChange={set('username')} />}
      </Field>
      <Field label={t('passwordField')} error={fe('password')}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
          />
        )}
      </Field>
      <Field label={t('accountOrg')} error={fe('orgId')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.orgId} onChange={(e) => setForm({ ...form, orgId: e.target.value, unitId: '' })}>
            <OrgOptions orgs={orgs} />
          </select>
        )}
      </Field>
      <Field label={t('role')} error={fe('role')}>
        {(id) => <MapSelect id={id} value={form.role} onChange={(role) => setForm({ ...form, role })} options={ROLE_NAMES} />}
      </Field>
      {form.role === 'unit' && (
        <Field label={t('unit')} error={fe('unitId')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={form.unitId} onChange={set('unitId')}>
              <option value="">—</option>
              <UnitOptions units={units} orgId={form.orgId} />
            </select>
          )}
        </Field>
      )}
      <Field label={t('displayName')} error={fe('displayName')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.displayName} onChange={set('displayName')} />}
      </Field>
      <FormEnd error={error} saved={saved} />
    </form>
  );
}

export function AdminPage({ session }: { session: Session }) {
  const { t, f, l } = useT();
  // Its own directory to manage; the units below only to name a clerk's unit there.
  const units = useData(() => get<DirectoryUnit[]>('/api/units?below=true'), []);
  const orgs = useData(() => get<OrganisationView[]>('/api/organisations'), []);
  const accounts = useData(() => get<Account[]>('/api/accounts'), []);
  const templates = useData(() => get<Array<{ id: string; title: string; units: number }>>('/api/campaign-templates'), []);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [unitQuery, setUnitQuery] = useState('');
  const [accountQuery, setAccountQuery] = useState('');
  if (!units.data || !accounts.data || !orgs.data) return <Loading />;
  const [orgList, unitList] = [orgs.data, units.data];
  const own = unitList.filter((u) => u.orgId === session.orgId);
  return (
    <>
      <h1>{t('administration')}</h1>
      <section aria-label={t('directory')}>
        <h2>
          {f('directoryOf', session.orgName)} ({own.length})
        </h2>
        {templates.data?.map((tp) => (
          <button
            key={tp.id}
            type="button"
            onClick={() =>
              void post<{ created: number; existing: number }>('/api/units/import', { templateId: tp.id }).then(
                (r) => (setNote(f('unitsImported', r.created, r.existing)), units.reload()),
                setError,
              )
            }
          >
            {f('importTemplateUnits', tp.units)}
          </button>
        ))}
        <Field label={t('unitsFileField')} hint={t('unitsFileHint')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                const form = new FormData();
                form.append('file', file, file.name);
                setError(undefined);
                setNote(undefined);
                post<{ created: number; existing: number }>('/api/units/file', form).then(
                  (r) => (setNote(f('unitsImported', r.created, r.existing)), units.reload()),
                  setError,
                );
                e.target.value = '';
              }}
            />
          )}
        </Field>
        {note && (
          <p className="success" role="status">
            {note}
          </p>
        )}
        <ErrorBox error={error} />
        <UnitForm onDone={units.reload} />
        <Field label={t('searchUnits')}>
          {(id) => <input id={id} type="search" value={unitQuery} onChange={(e) => setUnitQuery(e.target.value)} />}
        </Field>
        <div className="table-scroll">
          <table className="directory">
            <thead>
              <tr>
                <th scope="col">{t('idColumn')}</th>
                <th scope="col">{t('unit')}</th>
                <th scope="col">{t('kindColumn')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {own
                .filter((u) => matches(unitQuery, u.id, u.name, l(UNIT_KINDS, u.kind)))
                .map((u) => (
                  <UnitRowView key={u.id} u={u} onDone={units.reload} />
                ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-label={t('accounts')}>
        <h2>
          {f('accountsOf', session.orgName)} ({accounts.data.length})
        </h2>
        <AccountForm session={session} orgs={orgList} units={unitList} onDone={accounts.reload} />
        <Field label={t('searchAccounts')}>
          {(id) => <input id={id} type="search" value={accountQuery} onChange={(e) => setAccountQuery(e.target.value)} />}
        </Field>
        <div className="table-scroll">
          <table className="accounts">
            <thead>
              <tr>
                <th scope="col">{t('username')}</th>
                <th scope="col">{t('rolesColumn')}</th>
                <th scope="col">{t('displayName')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actionsColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.data
                .filter((a) =>
                  matches(accountQuery, a.username, a.displayName, ...a.grants.flatMap((g) => [g.orgName, g.unitName ?? undefined])),
                )
                .map((a) => (
                  <AccountRowView key={a.id} a={a} orgs={orgList} units={unitList} onDone={accounts.reload} />
                ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
