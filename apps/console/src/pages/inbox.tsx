import { useState } from 'react';
import { get, post, type Session } from '../api';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { Link } from '../router';
import type { InboxItem } from '../types';
import { ErrorBox, Loading, useData } from '../ui';

/** Tells the header's unread badge to count again (a notification was read here). */
export function inboxChanged(): void {
  window.dispatchEvent(new Event('inbox-changed'));
}

/** Where a notification leads: the unit's task (a unit), the unit's page or the commendation stage (staff). */
function linkOf(n: InboxItem, session: Session): string | undefined {
  if (!n.campaignId) return undefined;
  const commendation = n.eventId?.startsWith('commendation:');
  if (session.role === 'unit') return commendation ? `/tasks/${n.campaignId}/commendation` : `/tasks/${n.campaignId}`;
  if (commendation) return `/campaigns/${n.campaignId}/commendation`;
  return n.unitId ? `/campaigns/${n.campaignId}/units/${n.unitId}` : `/campaigns/${n.campaignId}`;
}

export function Inbox({ session }: { session: Session }) {
  const { t } = useT();
  const inbox = useData(() => get<{ unread: number; items: InboxItem[] }>('/api/me/notifications?limit=100'), [], 10_000, { inbox: true });
  const [campaign, setCampaign] = useState('');
  if (!inbox.data) return inbox.error ? <ErrorBox error={inbox.error} /> : <Loading />;
  const campaigns = [...new Set(inbox.data.items.map((n) => n.campaignId).filter((c): c is string => c !== null))];
  const items = inbox.data.items.filter((n) => !campaign || n.campaignId === campaign);
  const read = (ids: readonly string[]): void =>
    void Promise.all(ids.map((id) => post(`/api/me/notifications/${encodeURIComponent(id)}/read`))).then(() => {
      inbox.reload();
      inboxChanged();
    });
  return (
    <>
      <h1>{t('inbox')}</h1>
      {/* The same count as the header's badge, from the same stream; no red bubble for nothing. */}
      <p className="inbox-unread" role="status">
        {inbox.data.unread ? (
          <>
            <span className="count">{inbox.data.unread}</span> {t('unread')}
          </>
        ) : (
          t('allRead')
        )}
      </p>
      {campaigns.length > 1 && (
        <p>
          <label htmlFor="inbox-campaign">{t('campaigns')}</label>{' '}
          <select id="inbox-campaign" value={campaign} onChange={(e) => setCampaign(e.target.value)}>
            <option value="">{t('all')}</option>
            {campaigns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </p>
      )}
      {items.some((n) => !n.readAt) && (
        <button type="button" onClick={() => read(items.filter((n) => !n.readAt).map((n) => n.id))}>
          {t('markAllRead')}
        </button>
      )}
      {items.length === 0 && <p>{t('noNotifications')}</p>}
      <ul className="inbox">
        {items.map((n) => {
          const to = linkOf(n, session);
          return (
            <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
              <h2>{to ? <Link to={to}>{n.subject}</Link> : n.subject}</h2>
              <p className="muted">{formatDateTime(n.createdAt, 'Asia/Ho_Chi_Minh')}</p>
              <p className="pre">{n.body}</p>
              {!n.readAt && (
                <button type="button" onClick={() => read([n.id])}>
                  {t('markRead')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
