/** The coordinator's work queue: every registration and final report waiting for a decision, across campaigns. */
import { get } from '../api';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { Link } from '../router';
import type { QueueItem } from '../types';
import { ErrorBox, Loading, useData } from '../ui';

export function WorkQueue() {
  const { t } = useT();
  const queue = useData(() => get<QueueItem[]>('/api/me/queue'), [], 10_000, 'any');
  if (!queue.data) return queue.error ? <ErrorBox error={queue.error} /> : <Loading />;
  return (
    <>
      <h1>
        {t('workQueue')} <span className="count">{queue.data.length}</span>
      </h1>
      <p className="muted">{t('workQueueHint')}</p>
      {queue.data.length === 0 ? (
        <p>{t('queueEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">{t('unit')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('campaigns')}</th>
                <th scope="col">{t('waitingSince')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.map((q) => (
                <tr key={`${q.campaignId}/${q.unitId}`} data-unit={q.unitId}>
                  <th scope="row">
                    <Link to={`/campaigns/${q.campaignId}/units/${q.unitId}`}>{q.unitName}</Link>
                  </th>
                  <td>
                    {q.kind === 'registration' ? t('queueRegistration') : t('queueFinalReview')}{' '}
                    {q.late && <span className="badge late">{t('late')}</span>}
                  </td>
                  <td>{q.campaignTitle}</td>
                  <td>{formatDateTime(q.submittedAt, 'Asia/Ho_Chi_Minh')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
