/**
 * A campaign across its levels, on its dashboard: each participating unit with the sub-campaign its
 * organisation runs (its own units' progress, read only) and the cause of its lateness in a sentence; the
 * clusters' score sheets. Shown when the campaign has sub-campaigns or clusters.
 */
import { download, get } from '../api';
import { useT } from '../i18n';
import { Link } from '../router';
import type { CampaignSummary, RollupView } from '../types';
import { ErrorBox, PhaseBadge, useData } from '../ui';

export function RollupSection({ c }: { c: CampaignSummary }) {
  const { t } = useT();
  const rollup = useData(() => get<RollupView>(`/api/campaigns/${c.id}/rollup`), [c.id], 5000, { campaign: c.id });
  const r = rollup.data;
  if (rollup.error) return <ErrorBox error={rollup.error} />;
  if (!r || (r.withSubCampaign === 0 && c.clusters.length === 0)) return null;
  const clusterName = (id?: string) => c.clusters.find((x) => x.id === id)?.name ?? '';
  return (
    <section aria-labelledby="rollup-heading">
      <h2 id="rollup-heading">{t('rollupHeading')}</h2>
      <p className="muted">
        {r.withSubCampaign}/{r.units} {t('rollupWithSub')} · {r.overdue} {t('rollupOverdue')}
      </p>
      {r.rows.some((x) => x.cause) && (
        <ul className="causes" aria-label={t('rollupCauses')}>
          {r.rows
            .filter((x) => x.cause)
            .map((x) => (
              <li key={x.unitId} className="cause">
                {x.cause}
              </li>
            ))}
        </ul>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('unit')}</th>
              {c.clusters.length > 0 && <th scope="col">{t('cluster')}</th>}
              <th scope="col">{t('phase')}</th>
              <th scope="col">{t('rollupSub')}</th>
              <th scope="col">{t('rollupProgress')}</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x) => (
              <tr key={x.unitId} className={x.overdue ? 'overdue' : undefined}>
                <th scope="row">
                  <Link to={`/campaigns/${c.id}/units/${x.unitId}`}>{x.name}</Link>
                </th>
                {c.clusters.length > 0 && <td>{clusterName(x.cluster)}</td>}
                <td>
                  <PhaseBadge phase={x.phase} />
                </td>
                <td>
                  {x.sub ? (
                    <Link to={`/campaigns/${x.sub.campaignId}`}>
                      {x.sub.units} {x.sub.noun}
                    </Link>
                  ) : (
                    <span className="muted">{t('rollupNoSub')}</span>
                  )}
                  {x.sub?.tasks
                    .filter((task) => task.task === x.current?.task)
                    .map((task) => (
                      <div key={task.task}>
                        <progress max={task.units} value={task.submitted} aria-label={`${task.title}: ${task.submitted}/${task.units}`} />{' '}
                        {task.submitted}/{task.units}
                      </div>
                    ))}
                </td>
                <td>{x.cause ? <strong className="error">{x.cause}</strong> : (x.progress ?? '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.clusters.length > 0 && (
        <p>
          {c.clusters.map((cl) => (
            <span key={cl.id}>
              <button
                type="button"
                className="link"
                onClick={() =>
                  void download(`/api/campaigns/${c.id}/scores.xlsx?cluster=${encodeURIComponent(cl.id)}`, `bang-diem-${cl.id}.xlsx`)
                }
              >
                {t('clusterSheet')} {cl.name} (.xlsx)
              </button>{' '}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
