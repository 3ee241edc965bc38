import { get, post } from '../api';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { ErrorBox, Loading, useData } from '../ui';

interface Notification {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export function Inbox() {
  const { t } = useT();
  const inbox = useData(() => get<{ unread: number; items: Notification[] }>('/api/me/notifications?limit=100'), [], 10_000);
  if (!inbox.data) return inbox.error ? <ErrorBox error={inbox.error} /> : <Loading />;
  return (
    <>
      <h1>
        {t('inbox')} <span className="count">{inbox.data.unread}</span> <span className="muted">{t('unread')}</span>
      </h1>
      {inbox.data.items.length === 0 && <p>{t('noNotifications')}</p>}
      <ul className="inbox">
        {inbox.data.items.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
            <h2>{n.subject}</h2>
            <p className="muted">{formatDateTime(n.createdAt, 'Asia/Ho_Chi_Minh')}</p>
            <p className="pre">{n.body}</p>
            {!n.readAt && (
              <button type="button" onClick={() => void post(`/api/me/notifications/${encodeURIComponent(n.id)}/read`).then(inbox.reload)}>
                {t('markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
