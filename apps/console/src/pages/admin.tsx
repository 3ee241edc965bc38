/** Admin housekeeping without curl: the unit directory (add, import a template's units) and accounts. */
import { useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../api';
import { UNIT_KINDS, useT, type Label } from '../i18n';
import type { DirectoryUnit } from '../types';
import { ErrorBox, Field, Loading, MapSelect, useData } from '../ui';

interface Account {
  id: string;
  username: string;
  role: string;
  unitId: string | null;
  displayName: string | null;
  createdAt: string;
}

const ROLE_NAMES: Record<string, Label> = { admin: ['Quản trị', 'Admin'], coordinator: ['Phòng Nội vụ (điều phối)', 'Coordinator'], unit: ['Đơn vị', 'Unit'] };

function UnitForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const [form, setForm] = useState({ id: '', name: '', kind: 'ward', headEmail: '', contactEmail: '' });
  const [error, setError] = useState<ApiError | Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await post('/api/units', { id: form.id.trim(), name: form.name.trim(), kind: form.kind, ...(form.headEmail ? { headEmail: form.headEmail.trim() } : {}), ...(form.contactEmail ? { contactEmail: form.contactEmail.trim() } : {}) });
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

function AccountForm({ units, onDone }: { units: DirectoryUnit[]; onDone: () => void }) {
  const { t } = useT();
  const [form, setForm] = useState({ username: '', password: '', role: 'unit', unitId: '', displayName: '' });
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
      });
      setForm({ username: '', password: '', role: form.role, unitId: '', displayName: '' });
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
        {(id, d) => <input id={id} aria-describedby={d} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} />}
      </Field>
      <Field label={t('role')} error={fe('role')}>
        {(id) => <MapSelect id={id} value={form.role} onChange={(role) => setForm({ ...form, role })} options={ROLE_NAMES} />}
      </Field>
      {form.role === 'unit' && (
        <Field label={t('unit')} error={fe('unitId')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={form.unitId} onChange={set('unitId')}>
              <option value="">—</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('displayName')} error={fe('displayName')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.displayName} onChange={set('displayName')} />}
      </Field>
      <ErrorBox error={error} />
      {saved && (
        <p className="success" role="status">
          {t('saved')}
        </p>
      )}
      <button type="submit" className="primary">
        {t('save')}
      </button>
    </form>
  );
}

export function AdminPage() {
  const { t, f, l } = useT();
  const units = useData(() => get<DirectoryUnit[]>('/api/units'), []);
  const accounts = useData(() => get<Account[]>('/api/accounts'), []);
  const templates = useData(() => get<Array<{ id: string; title: string; units: number }>>('/api/campaign-templates'), []);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<unknown>();
  if (!units.data || !accounts.data) return <Loading />;
  const names = new Map(units.data.map((u) => [u.id, u.name]));
  return (
    <>
      <h1>{t('administration')}</h1>
      <section aria-label={t('directory')}>
        <h2>
          {t('directory')} ({units.data.length})
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
        {note && (
          <p className="success" role="status">
            {note}
          </p>
        )}
        <ErrorBox error={error} />
        <UnitForm onDone={units.reload} />
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('idColumn')}</th>
                <th scope="col">{t('unit')}</th>
                <th scope="col">{t('kindColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {units.data.map((u) => (
                <tr key={u.id}>
                  <td>{u.id}</td>
                  <td>{u.name}</td>
                  <td>{l(UNIT_KINDS, u.kind)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-label={t('accounts')}>
        <h2>
          {t('accounts')} ({accounts.data.length})
        </h2>
        <AccountForm units={units.data} onDone={accounts.reload} />
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('username')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('unit')}</th>
                <th scope="col">{t('displayName')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((a) => (
                <tr key={a.id}>
                  <td>{a.username}</td>
                  <td>{l(ROLE_NAMES, a.role)}</td>
                  <td>{a.unitId ? names.get(a.unitId) ?? a.unitId : ''}</td>
                  <td>{a.displayName ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
