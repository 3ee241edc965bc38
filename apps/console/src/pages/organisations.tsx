/**
 * The organisation where the person acts and every one below it: a province's 168 wards and communes, a ward's
 * offices and neighbourhoods. Its admin adds bodies below it and sets what its papers print.
 */
import { SigningCertificatePanel } from './legal-force';
import { useState, type FormEvent } from 'react';
import { ORG_KIND_LABELS, type OrgKind } from '@thidua/contracts';
import { api, ApiError, get, post, type Session } from '../api';
import { useT, type Label } from '../i18n';
import type { OrganisationView, OrgSettings } from '../types';
import { matches } from '../format';
import { ErrorBox, Field, FormEnd, Loading, OrgOptions, useData } from '../ui';

/** The kinds as the console labels them (Vietnamese from the contracts, English beside). */
const KINDS: Record<OrgKind, Label> = {
  agency: [ORG_KIND_LABELS.agency, 'Agency'],
  province: [ORG_KIND_LABELS.province, 'Province or city'],
  department: [ORG_KIND_LABELS.department, 'Department'],
  ward: [ORG_KIND_LABELS.ward, 'Ward'],
  commune: [ORG_KIND_LABELS.commune, 'Commune'],
  'special-zone': [ORG_KIND_LABELS['special-zone'], 'Special zone'],
  office: [ORG_KIND_LABELS.office, 'Office or unit'],
};

const SETTINGS: ReadonlyArray<[keyof OrgSettings, Parameters<ReturnType<typeof useT>['t']>[0]]> = [
  ['issuer', 'settingIssuer'],
  ['issuerAbbreviation', 'settingAbbreviation'],
  ['coordinator', 'settingCoordinator'],
  ['signerTitle', 'settingSignerTitle'],
  ['signerName', 'settingSignerName'],
  ['mailFrom', 'settingMailFrom'],
  ['officeHours', 'settingOfficeHours'],
];

/** What the acting organisation prints on its papers: editable by its admin, shown to the others. */
function SettingsForm({ org, editable, onDone }: { org: OrganisationView; editable: boolean; onDone: () => void }) {
  const { t, f } = useT();
  const [form, setForm] = useState<Record<string, string>>({ ...org.settings });
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    const settings = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
    api('PATCH', `/api/organisations/${encodeURIComponent(org.id)}`, { settings }).then(() => (setSaved(true), onDone()), setError);
  };
  const fe = (k: string) => (error instanceof ApiError ? error.field(`settings.${k}`) : undefined);
  return (
    <form className="panel" onSubmit={submit} aria-label={f('orgSettings', org.name)} noValidate>
      <h2>{f('orgSettings', org.name)}</h2>
      {SETTINGS.map(([k, label]) => (
        <Field key={k} label={t(label)} error={fe(k)}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              readOnly={!editable}
              value={form[k] ?? ''}
              onChange={(e) => setForm({ ...form, [k]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <FormEnd error={error} saved={saved} submit={editable} />
    </form>
  );
}

/** A new organisation below the acting one (or below one of those below it). */
function AddOrganisation({ orgs, onDone }: { orgs: OrganisationView[]; onDone: () => void }) {
  const { t, l } = useT();
  const blank = { id: '', name: '', shortName: '', code: '', kind: 'office' as OrgKind, parentId: orgs[0]?.id ?? '' };
  const [form, setForm] = useState(blank);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    post('/api/organisations', {
      id: form.id.trim(),
      name: form.name.trim(),
      kind: form.kind,
      parentId: form.parentId,
      ...(form.shortName.trim() ? { shortName: form.shortName.trim() } : {}),
      ...(form.code.trim() ? { code: form.code.trim() } : {}),
    }).then(() => (setForm(blank), setSaved(true), onDone()), setError);
  };
  const fe = (k: string) => (error instanceof ApiError ? error.field(k) : undefined);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="panel" onSubmit={submit} aria-label={t('addOrg')} noValidate>
      <h2>{t('addOrg')}</h2>
      <Field label={t('orgParent')} error={fe('parentId')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.parentId} onChange={set('parentId')}>
            <OrgOptions orgs={orgs} />
          </select>
        )}
      </Field>
      <Field label={t('orgName')} error={fe('name')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.name} onChange={set('name')} />}
      </Field>
      <Field label={t('orgIdField')} error={fe('id')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.id} onChange={set('id')} />}
      </Field>
      <Field label={t('orgKind')} error={fe('kind')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.kind} onChange={set('kind')}>
            {Object.keys(KINDS).map((k) => (
              <option key={k} value={k}>
                {l(KINDS, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('orgShortName')} error={fe('shortName')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.shortName} onChange={set('shortName')} />}
      </Field>
      <Field label={t('orgCode')} error={fe('code')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.code} onChange={set('code')} />}
      </Field>
      <FormEnd error={error} saved={saved} />
    </form>
  );
}

export function OrganisationsPage({ session }: { session: Session }) {
  const { t, f, l } = useT();
  const { data, error, reload } = useData(() => get<OrganisationView[]>('/api/organisations'), []);
  const [query, setQuery] = useState('');
  if (!data) return error ? <ErrorBox error={error} /> : <Loading />;
  const own = data.find((o) => o.id === session.orgId);
  const names = new Map(data.map((o) => [o.id, o.name]));
  const shown = data.filter((o) => matches(query, o.name, o.shortName, o.code, o.id));
  return (
    <>
      <h1>{t('orgsHeading')}</h1>
      <p>{f('orgsIntro', session.orgName)}</p>
      <ErrorBox error={error} />
      <Field label={t('orgSearch')}>
        {(id) => <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />}
      </Field>
      <p className="muted" role="status">
        {f('orgsShown', shown.length, data.length)}
      </p>
      <div className="table-scroll">
        <table className="organisations stacked">
          <thead>
            <tr>
              <th scope="col">{t('orgName')}</th>
              <th scope="col">{t('orgKind')}</th>
              <th scope="col">{t('orgCode')}</th>
              <th scope="col">{t('orgParent')}</th>
              <th scope="col">{t('orgUnits')}</th>
              <th scope="col">{t('orgCampaigns')}</th>
              <th scope="col">{t('orgChildren')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={o.id} data-org={o.id} className={o.id === session.orgId ? 'current' : ''}>
                <th scope="row" data-label={t('orgName')} style={{ paddingLeft: `${0.5 + Math.min(o.depth, 4) * 1.2}rem` }}>
                  {o.name}
                </th>
                <td data-label={t('orgKind')}>{l(KINDS, o.kind)}</td>
                <td data-label={t('orgCode')}>{o.code ?? '—'}</td>
                <td data-label={t('orgParent')}>{o.parentId ? (names.get(o.parentId) ?? '—') : '—'}</td>
                <td data-label={t('orgUnits')}>{o.counts.units}</td>
                <td data-label={t('orgCampaigns')}>{o.counts.campaigns}</td>
                <td data-label={t('orgChildren')}>{o.counts.children}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="org-forms">
        {own && <SettingsForm org={own} editable={session.role === 'admin'} onDone={reload} />}
        {own && session.role === 'admin' && <SigningCertificatePanel orgId={own.id} orgName={own.name} />}
        {session.role === 'admin' && <AddOrganisation orgs={data} onDone={reload} />}
      </div>
    </>
  );
}
