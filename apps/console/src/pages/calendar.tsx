/**
 * The calendar page: the account's own calendar feed (its secret address, copy, QR code for a phone; make a
 * new one or revoke it), and the working calendar of a year (holidays, days off in lieu, the government's
 * announced changes), which admins edit.
 */
import qrcode from 'qrcode-generator';
import { useState } from 'react';
import { api, get, post, type Session } from '../api';
import { useT } from '../i18n';
import { ConfirmButton, ErrorBox, Field, Loading, useData } from '../ui';

interface FeedAddress {
  path: string | null;
  createdAt: string | null;
}
interface CalendarDay {
  date: string;
  name: string;
  kind: 'holiday' | 'compensatory' | 'day-off' | 'working-day';
  source: 'rule' | 'override';
  working: boolean;
}
interface Override {
  date: string;
  kind: 'day-off' | 'working-day';
  name: string;
}

const ddmmyyyy = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function Feed() {
  const { t } = useT();
  const feed = useData(() => get<FeedAddress>('/api/me/calendar-feed'), []);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!feed.data) return feed.error ? <ErrorBox error={feed.error} /> : <Loading />;
  const url = feed.data.path ? `${location.origin}${feed.data.path}` : undefined;
  const qr = (() => {
    if (!url) return undefined;
    const q = qrcode(0, 'M');
    q.addData(url);
    q.make();
    return q.createDataURL(4, 8);
  })();
  const make = () => post<FeedAddress>('/api/me/calendar-feed').then(feed.reload, setError);
  return (
    <section className="panel" aria-label={t('feedTitle')}>
      <h2>{t('feedTitle')}</h2>
      <p className="muted">{t('feedHint')}</p>
      {url ? (
        <>
          <div className="feed-url">
            <input readOnly value={url} aria-label={t('feedAddress')} onFocus={(e) => e.target.select()} />
            <button type="button" onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), setError)}>
              {copied ? t('copied') : t('copy')}
            </button>
          </div>
          {qr && <img className="qr" src={qr} alt={t('feedQr')} width={160} height={160} />}
          <div className="actions">
            <ConfirmButton label={t('feedRotate')} onConfirm={make} />
            <ConfirmButton danger label={t('feedRevoke')} onConfirm={() => api('DELETE', '/api/me/calendar-feed').then(feed.reload)} />
          </div>
        </>
      ) : (
        <button type="button" className="primary" onClick={() => void make()}>
          {t('feedCreate')}
        </button>
      )}
      <ErrorBox error={error} />
    </section>
  );
}

function YearCalendar({ admin }: { admin: boolean }) {
  const { t } = useT();
  const [year, setYear] = useState(new Date().getFullYear());
  const days = useData(() => get<{ year: number; days: CalendarDay[]; workedDays: CalendarDay[] }>(`/api/calendar/${year}`), [year]);
  const listed = days.data ? [...days.data.days, ...days.data.workedDays].sort((a, b) => a.date.localeCompare(b.date)) : [];
  const [draft, setDraft] = useState<Override[]>();
  const [error, setError] = useState<unknown>();
  const kindLabel = (d: CalendarDay): string =>
    t(
      d.kind === 'holiday'
        ? 'dayHoliday'
        : d.kind === 'compensatory'
          ? 'dayInLieu'
          : d.kind === 'day-off'
            ? 'dayOffAnnounced'
            : 'dayWorked',
    );
  const overrides = listed.filter((d) => d.source === 'override').map(({ date, kind, name }) => ({ date, kind, name }) as Override);
  const rows = draft ?? overrides;
  const patch = (i: number, p: Partial<Override>) => setDraft(rows.map((r, n) => (n === i ? { ...r, ...p } : r)));
  return (
    <section aria-label={t('workingCalendar')}>
      <h2>{t('workingCalendar')}</h2>
      <Field label={t('year')}>
        {(id) => (
          <select id={id} value={year} onChange={(e) => (setYear(Number(e.target.value)), setDraft(undefined))}>
            {Array.from({ length: 26 }, (_, i) => 2015 + i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        )}
      </Field>
      {days.data ? (
        <div className="table-scroll">
          <table className="calendar-days">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('dayName')}</th>
                <th scope="col">{t('dayKind')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((d) => (
                <tr key={d.date} className={d.working ? 'worked' : 'off'}>
                  <td>{ddmmyyyy(d.date)}</td>
                  <td>{d.name}</td>
                  <td>{kindLabel(d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Loading />
      )}
      {admin && (
        <fieldset>
          <legend>{t('announcedChanges')}</legend>
          {rows.map((o, i) => (
            <div key={i} className="row-edit">
              <Field label={t('date')}>
                {(id) => <input id={id} type="date" value={o.date} onChange={(e) => patch(i, { date: e.target.value })} />}
              </Field>
              <Field label={t('dayKind')}>
                {(id) => (
                  <select id={id} value={o.kind} onChange={(e) => patch(i, { kind: e.target.value as Override['kind'] })}>
                    <option value="day-off">{t('dayOffAnnounced')}</option>
                    <option value="working-day">{t('dayWorked')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('dayName')}>
                {(id) => <input id={id} value={o.name} onChange={(e) => patch(i, { name: e.target.value })} />}
              </Field>
              <button type="button" onClick={() => setDraft(rows.filter((_, n) => n !== i))}>
                {t('remove')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setDraft([...rows, { date: `${year}-01-01`, kind: 'day-off', name: '' }])}>
            {t('designerAdd')}
          </button>
          <ErrorBox error={error} />
          <ConfirmButton
            label={t('saveChanges')}
            onConfirm={() =>
              api('PUT', `/api/calendar/${year}/overrides`, { overrides: rows.map((r) => ({ ...r, name: r.name.trim() })) }).then(
                () => (setDraft(undefined), setError(undefined), days.reload()),
                setError,
              )
            }
          />
        </fieldset>
      )}
    </section>
  );
}

export function CalendarPage({ session }: { session: Session }) {
  const { t } = useT();
  return (
    <>
      <h1>{t('calendar')}</h1>
      <Feed />
      <YearCalendar admin={session.role === 'admin'} />
    </>
  );
}
