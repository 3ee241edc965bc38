/**
 * The campaigns above that the acting organisation takes part in (a ward in the city's campaign): its own part
 * (deadlines, what it sent), its registration, the campaign it runs for its own units from the plan above, and
 * the report its units' reports add up to, reviewed and corrected before it is sent up.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, get, mayAct, post, type Session } from '../api';
import { formatDateTime } from '../format';
import { PHASES, TASK_STATUSES, useT } from '../i18n';
import { Link } from '../router';
import type { Consolidation, DirectoryUnit, UpwardCampaign, UpwardView } from '../types';
import { ErrorBox, Field, FormEnd, Loading, PhaseBadge, useData } from '../ui';
import { TZ } from './commendation-parts';
import { UnitPicker } from './unit-picker';

/** The list: every campaign above, with the organisation's phase, next deadline and sub-campaign. */
export function UpwardList() {
  const { t, l } = useT();
  const list = useData(() => get<UpwardCampaign[]>('/api/upward'), [], 10_000);
  if (!list.data) return list.error ? <ErrorBox error={list.error} /> : <Loading />;
  return (
    <>
      <h1>{t('upward')}</h1>
      <p className="muted">{t('upwardIntro')}</p>
      {list.data.length === 0 ? (
        <p>{t('upwardNone')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('campaign')}</th>
                <th scope="col">{t('upwardFrom')}</th>
                <th scope="col">{t('phase')}</th>
                <th scope="col">{t('nextDeadline')}</th>
                <th scope="col">{t('rollupSub')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.campaignId} className={c.overdue ? 'overdue' : undefined}>
                  <th scope="row">
                    <Link to={`/upward/${c.campaignId}`}>{c.title}</Link>
                  </th>
                  <td>{c.orgName}</td>
                  <td>{c.phase ? <PhaseBadge phase={c.phase} /> : l(PHASES, c.status)}</td>
                  <td>{formatDateTime(c.nextDueAt, TZ)}</td>
                  <td>{c.subCampaignId ? <Link to={`/campaigns/${c.subCampaignId}`}>{c.subCampaignId}</Link> : t('rollupNoSub')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** One campaign above, as the organisation works on it. */
export function UpwardPage({ campaignId, session }: { campaignId: string; session: Session }) {
  const { t, f, l } = useT();
  const view = useData(() => get<UpwardView>(`/api/upward/${encodeURIComponent(campaignId)}`), [campaignId], 5000, {
    campaign: campaignId,
  });
  const v = view.data;
  if (!v) return view.error ? <ErrorBox error={view.error} /> : <Loading />;
  const acts = mayAct(session, session.orgId);
  const deadlines = Object.entries(v.unit.deadlines).sort(([, a], [, b]) => Date.parse(a!.dueAt) - Date.parse(b!.dueAt));
  const reportTasks = deadlines.map(([k]) => k).filter((k) => k !== 'registration');
  return (
    <>
      <div className="title-row">
        <h1>{v.campaign.title}</h1>
        <PhaseBadge phase={v.unit.phase} />
      </div>
      <p className="muted">
        {f('upwardOf', v.campaign.orgName)} · {v.campaign.campaignId}
      </p>
      <section aria-labelledby="my-part">
        <h2 id="my-part">{t('upwardMyPart')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('task')}</th>
                <th scope="col">{t('deadline')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map(([kind, d]) => (
                <tr key={kind} className={d!.missed ? 'overdue' : undefined}>
                  <th scope="row">{d!.title}</th>
                  <td>{formatDateTime(d!.dueAt, TZ)}</td>
                  <td>
                    {d!.submittedAt
                      ? `${t('sentAt')} ${formatDateTime(d!.submittedAt, TZ)}`
                      : d!.missed
                        ? t('overdue')
                        : l(TASK_STATUSES, d!.status)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {acts && v.unit.phase === 'awaiting-registration' && <RegisterUp campaignId={campaignId} onDone={view.reload} />}
      {v.campaign.subCampaignId ? (
        <p>
          {t('upwardSubRunning')}: <Link to={`/campaigns/${v.campaign.subCampaignId}`}>{v.campaign.subCampaignId}</Link>
        </p>
      ) : (
        session.role === 'admin' && <LaunchSub view={v} onDone={view.reload} />
      )}
      {reportTasks.length > 0 && (
        <ReportUp
          campaignId={campaignId}
          tasks={reportTasks.map((k) => [k, v.unit.deadlines[k as keyof typeof v.unit.deadlines]!.title])}
          hasSub={!!v.campaign.subCampaignId}
          acts={acts}
          criteria={v.campaign.criteria}
          onDone={view.reload}
        />
      )}
    </>
  );
}

function RegisterUp({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const { t } = useT();
  const [commitments, setCommitments] = useState('');
  const [initiative, setInitiative] = useState('');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    post(`/api/upward/${encodeURIComponent(campaignId)}/registration`, {
      commitments,
      initiatives: [{ title: initiative, description: initiative }],
    }).then(() => (setSaved(true), onDone()), setError);
  };
  const fe = (k: string) => (error instanceof ApiError ? error.field(k) : undefined);
  return (
    <form className="panel" onSubmit={submit} aria-label={t('upwardRegister')} noValidate>
      <h2>{t('upwardRegister')}</h2>
      <Field label={t('commitments')} error={fe('commitments')}>
        {(id, d) => <textarea id={id} aria-describedby={d} value={commitments} onChange={(e) => setCommitments(e.target.value)} />}
      </Field>
      <Field label={t('initiative')} error={fe('title')}>
        {(id, d) => <input id={id} aria-describedby={d} value={initiative} onChange={(e) => setInitiative(e.target.value)} />}
      </Field>
      <FormEnd error={error} saved={saved} />
    </form>
  );
}

/** The organisation's own campaign for its units, from the plan above: its code, its units and how much earlier its deadlines come. */
function LaunchSub({ view, onDone }: { view: UpwardView; onDone: () => void }) {
  const { t } = useT();
  const units = useData(() => get<DirectoryUnit[]>('/api/units'), []);
  const [code, setCode] = useState(`${view.campaign.campaignId}-${view.unit.unitId}`.slice(0, 64));
  const [lead, setLead] = useState('5');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    post(`/api/upward/${encodeURIComponent(view.campaign.campaignId)}/sub-campaign`, {
      code,
      units: [...selected],
      lead: `P${Number(lead) || 0}D`,
    }).then(() => (setSaved(true), onDone()), setError);
  };
  const fe = (k: string) => (error instanceof ApiError ? error.field(k) : undefined);
  return (
    <form className="panel" onSubmit={submit} aria-label={t('upwardLaunchSub')} noValidate>
      <h2>{t('upwardLaunchSub')}</h2>
      <p className="muted">{t('upwardLaunchSubIntro')}</p>
      <Field label={t('campaignCode')} error={fe('code')}>
        {(id, d) => <input id={id} aria-describedby={d} value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <Field label={t('upwardLead')} error={fe('lead')}>
        {(id, d) => <input id={id} aria-describedby={d} type="number" min={0} value={lead} onChange={(e) => setLead(e.target.value)} />}
      </Field>
      {units.data ? <UnitPicker units={units.data} selected={selected} onChange={setSelected} error={fe('units')} /> : <Loading />}
      <FormEnd error={error} saved={saved} />
    </form>
  );
}

/** The report sent up: the consolidation of the units' reports, each value with its sources, editable before sending. */
function ReportUp({
  campaignId,
  tasks,
  hasSub,
  acts,
  criteria,
  onDone,
}: {
  campaignId: string;
  tasks: Array<[string, string]>;
  hasSub: boolean;
  acts: boolean;
  criteria: UpwardView['campaign']['criteria'];
  onDone: () => void;
}) {
  const { t } = useT();
  const [task, setTask] = useState(tasks[0][0]);
  const consolidation = useData(
    () =>
      hasSub
        ? get<Consolidation>(`/api/upward/${encodeURIComponent(campaignId)}/consolidation?task=${encodeURIComponent(task)}`)
        : Promise.resolve(undefined),
    [campaignId, task, hasSub],
    5000,
  );
  const [values, setValues] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const c = consolidation.data;
  const valueOf = (id: string): string => values[id] ?? c?.lines.find((l) => l.criterion === id)?.value?.toString() ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const stated = Object.fromEntries(
      criteria
        .map((k) => [k.id, valueOf(k.id)])
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(String(v).replace(',', '.'))]),
    );
    post(`/api/upward/${encodeURIComponent(campaignId)}/reports`, { task, summary, values: stated }).then(
      () => (setSaved(true), onDone()),
      setError,
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('upwardReport')} noValidate>
      <h2>{t('upwardReport')}</h2>
      <Field label={t('task')}>
        {(id) => (
          <select id={id} value={task} onChange={(e) => (setTask(e.target.value), setValues({}))}>
            {tasks.map(([k, title]) => (
              <option key={k} value={k}>
                {title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {c && (
        <p className="muted" role="status">
          {c.reported}/{c.units} {t('upwardReported')}
          {c.missing.length > 0 && `; ${t('upwardMissing')}: ${c.missing.map((m) => m.name).join(', ')}`}
        </p>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('criterion')}</th>
              {c && <th scope="col">{t('upwardComputed')}</th>}
              <th scope="col">{t('upwardSent')}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((k) => {
              const line = c?.lines.find((l) => l.criterion === k.id);
              return (
                <tr key={k.id}>
                  <th scope="row">{k.title}</th>
                  {c && (
                    <td>
                      <strong>{line?.value ?? '—'}</strong>
                      <br />
                      <small className="muted">{line?.explanation}</small>
                      {line && (
                        <details>
                          <summary>{t('upwardSources')}</summary>
                          <ul>
                            {line.sources.map((s) => (
                              <li key={s.unitId}>
                                {s.name}: {s.value ?? '—'}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                  )}
                  <td>
                    <input
                      aria-label={`${k.title}: ${t('upwardSent')}`}
                      inputMode="decimal"
                      value={valueOf(k.id)}
                      onChange={(e) => setValues({ ...values, [k.id]: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Field label={t('summary')} error={error instanceof ApiError ? error.field('summary') : undefined}>
        {(id, d) => <textarea id={id} aria-describedby={d} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </Field>
      {acts ? <FormEnd error={error} saved={saved} /> : <ErrorBox error={error} />}
    </form>
  );
}
