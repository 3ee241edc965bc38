/**
 * Emulation clusters and blocks (cụm, khối thi đua) of the acting organisation, per year: their members, head
 * and deputy, covenant and meeting rules; an admin defines them and, after the year-end review, makes next
 * year's cluster with the officers the meeting elected.
 */
import { useState, type FormEvent } from 'react';
import { CLUSTER_KIND_LABELS } from '@thidua/contracts';
import { ApiError, get, post, type Session } from '../api';
import { useT } from '../i18n';
import type { ClusterRecord, DirectoryUnit } from '../types';
import { ErrorBox, Field, FormEnd, Loading, MapSelect, useData } from '../ui';
import { UnitPicker } from './unit-picker';

const KIND_LABELS = { cluster: [CLUSTER_KIND_LABELS.cluster[0], 'Cluster'], block: [CLUSTER_KIND_LABELS.block[0], 'Block'] } as const;

export function ClustersPage({ session }: { session: Session }) {
  const { t, l } = useT();
  const clusters = useData(() => get<ClusterRecord[]>('/api/clusters'), [], 10_000);
  const units = useData(() => get<DirectoryUnit[]>('/api/units'), []);
  if (!clusters.data || !units.data)
    return clusters.error || units.error ? <ErrorBox error={clusters.error ?? units.error} /> : <Loading />;
  const name = (id: string | undefined): string => (id ? (units.data!.find((u) => u.id === id)?.name ?? id) : '—');
  const admin = session.role === 'admin';
  return (
    <>
      <h1>{t('clusters')}</h1>
      <p className="muted">{t('clustersIntro')}</p>
      {clusters.data.length === 0 ? (
        <p>{t('clustersNone')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('clusterName')}</th>
                <th scope="col">{t('clusterYear')}</th>
                <th scope="col">{t('clusterMembers')}</th>
                <th scope="col">{t('clusterHead')}</th>
                <th scope="col">{t('clusterDeputy')}</th>
                <th scope="col">{t('clusterQuota')}</th>
                {admin && <th scope="col">{t('clusterRotation')}</th>}
              </tr>
            </thead>
            <tbody>
              {clusters.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name} <small className="muted">({l(KIND_LABELS, c.kind)})</small>
                  </th>
                  <td>{c.year}</td>
                  <td>{c.members.map(name).join(', ')}</td>
                  <td>{name(c.head)}</td>
                  <td>{name(c.deputy)}</td>
                  <td>{c.quota}</td>
                  {admin && (
                    <td>
                      <Rotate cluster={c} name={name} onDone={clusters.reload} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && <NewCluster units={units.data} onDone={clusters.reload} />}
    </>
  );
}

/** Next year's cluster, with the head and deputy elected at the year-end review. */
function Rotate({ cluster, name, onDone }: { cluster: ClusterRecord; name: (id: string) => string; onDone: () => void }) {
  const { t } = useT();
  const [head, setHead] = useState(cluster.deputy ?? cluster.members[0]);
  const [deputy, setDeputy] = useState(cluster.members.find((m) => m !== head && m !== cluster.head) ?? '');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    post(`/api/clusters/${encodeURIComponent(cluster.id)}/rotation`, { head, ...(deputy ? { deputy } : {}) }).then(
      () => (setSaved(true), onDone()),
      setError,
    );
  };
  const options = cluster.members.map((m) => (
    <option key={m} value={m}>
      {name(m)}
    </option>
  ));
  return (
    <form onSubmit={submit} aria-label={`${t('clusterRotation')} ${cluster.name}`} className="inline-form" noValidate>
      <label>
        {t('clusterHead')} {cluster.year + 1}
        <select value={head} onChange={(e) => setHead(e.target.value)}>
          {options}
        </select>
      </label>
      <label>
        {t('clusterDeputy')}
        <select value={deputy} onChange={(e) => setDeputy(e.target.value)}>
          {options}
        </select>
      </label>
      <FormEnd error={error} saved={saved} />
    </form>
  );
}

function NewCluster({ units, onDone }: { units: DirectoryUnit[]; onDone: () => void }) {
  const { t } = useT();
  const year = new Date().getFullYear() + 1;
  const blank = {
    id: '',
    name: '',
    kind: 'cluster',
    year: String(year),
    head: '',
    deputy: '',
    quota: '1',
    voters: 'officers',
    covenant: '',
  };
  const [form, setForm] = useState(blank);
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    post('/api/clusters', {
      id: form.id.trim(),
      name: form.name.trim(),
      kind: form.kind,
      year: Number(form.year),
      members: [...members],
      head: form.head,
      ...(form.deputy ? { deputy: form.deputy } : {}),
      quota: Number(form.quota),
      voters: form.voters,
      ...(form.covenant.trim() ? { covenant: form.covenant.trim() } : {}),
    }).then(() => (setForm(blank), setMembers(new Set()), setSaved(true), onDone()), setError);
  };
  const fe = (k: string) => (error instanceof ApiError ? error.field(k) : undefined);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const chosen = units.filter((u) => members.has(u.id));
  const memberOptions = [
    <option key="" value="">
      —
    </option>,
    ...chosen.map((u) => (
      <option key={u.id} value={u.id}>
        {u.name}
      </option>
    )),
  ];
  return (
    <form className="panel" onSubmit={submit} aria-label={t('clusterNew')} noValidate>
      <h2>{t('clusterNew')}</h2>
      <Field label={t('clusterName')} error={fe('name')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.name} onChange={set('name')} />}
      </Field>
      <Field label={t('clusterId')} error={fe('id')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.id} onChange={set('id')} />}
      </Field>
      <Field label={t('orgKind')}>
        {(id) => <MapSelect id={id} value={form.kind} onChange={(kind) => setForm({ ...form, kind })} options={KIND_LABELS} />}
      </Field>
      <Field label={t('clusterYear')} error={fe('year')}>
        {(id, d) => <input id={id} aria-describedby={d} type="number" value={form.year} onChange={set('year')} />}
      </Field>
      <UnitPicker units={units} selected={members} onChange={setMembers} error={fe('members')} />
      <Field label={t('clusterHead')} error={fe('head')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.head} onChange={set('head')}>
            {memberOptions}
          </select>
        )}
      </Field>
      <Field label={t('clusterDeputy')} error={fe('deputy')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.deputy} onChange={set('deputy')}>
            {memberOptions}
          </select>
        )}
      </Field>
      <Field label={t('clusterQuota')} error={fe('quota')}>
        {(id, d) => <input id={id} aria-describedby={d} type="number" min={1} value={form.quota} onChange={set('quota')} />}
      </Field>
      <Field label={t('clusterVoters')} error={fe('voters')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.voters} onChange={set('voters')}>
            <option value="officers">{t('clusterVotersOfficers')}</option>
            <option value="members">{t('clusterVotersMembers')}</option>
          </select>
        )}
      </Field>
      <Field label={t('clusterCovenant')} error={fe('covenant')}>
        {(id, d) => <textarea id={id} aria-describedby={d} value={form.covenant} onChange={set('covenant')} />}
      </Field>
      <FormEnd error={error} saved={saved} />
    </form>
  );
}
