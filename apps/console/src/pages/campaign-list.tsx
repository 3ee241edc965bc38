import { useState } from 'react';
import { get, type Session } from '../api';
import { PHASES, useT } from '../i18n';
import { Link } from '../router';
import type { CampaignSummary, OrganisationView } from '../types';
import { ErrorBox, Loading, useData } from '../ui';
import { formatDate } from '../format';

export function CampaignList({ session }: { session: Session }) {
  const { t, f, l } = useT();
  // The organisation's own campaigns; those below it on request (read only), with whose they are.
  const [below, setBelow] = useState(false);
  const { data, error } = useData(() => get<CampaignSummary[]>(`/api/campaigns${below ? '?below=true' : ''}`), [below], 10_000, 'any');
  const orgs = useData(() => (below ? get<OrganisationView[]>('/api/organisations') : Promise.resolve([])), [below]);
  const orgName = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  return (
    <>
      <div className="title-row">
        <h1>{below ? f('campaignsOfBelow', session.orgName) : f('campaignsOf', session.orgName)}</h1>
        {session.role === 'admin' && (
          <Link to="/campaigns/new" className="button primary">
            {t('newCampaign')}
          </Link>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={below} onChange={(e) => setBelow(e.target.checked)} /> {t('includeBelow')}
      </label>
      <ErrorBox error={error} />
      {!data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('code')}</th>
                {below && <th scope="col">{t('organisationColumn')}</th>}
                <th scope="col">{t('launchAt')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('units')}</th>
                <th scope="col">{t('overdue')}</th>
                <th scope="col">{t('escalated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id} className={c.counts.overdue ? 'overdue' : ''}>
                  <td>
                    <Link to={`/campaigns/${c.id}`}>{c.title}</Link>{' '}
                    {c.dayLength && <span className="badge rehearsal">{t('rehearsalBadge')}</span>}
                    <br />
                    <small className="muted">
                      {formatDate(c.milestones.launchAt, c.timezone)} – {formatDate(c.milestones.finalReportDue, c.timezone)}
                    </small>
                  </td>
                  <td>{c.id}</td>
                  {below && <td>{c.orgId === session.orgId ? session.orgName : (orgName.get(c.orgId) ?? c.orgId)}</td>}
                  <td>{formatDate(c.milestones.launchAt, c.timezone)}</td>
                  <td>{l(PHASES, c.status)}</td>
                  <td>{c.launch.unitsTotal}</td>
                  <td>{c.counts.overdue}</td>
                  <td>{c.counts.escalated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
