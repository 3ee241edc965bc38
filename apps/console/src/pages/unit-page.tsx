/** One unit in a campaign, for admins and the coordinator: status, work, decisions, reviews, history. */
import { useState } from 'react';
import { LIMITS } from '../../../../libs/contracts/src/campaign/limits';
import { api, get, post, type Session } from '../api';
import { formatDateTime } from '../format';
import { RATINGS, useT } from '../i18n';
import { Link } from '../router';
import type { CampaignSummary, UnitDetail, UnitEvent } from '../types';
import { ConfirmButton, ErrorBox, Field, Loading, MapSelect, PhaseBadge, useData } from '../ui';
import { ScoreSheetView } from './scores';
import { History, Reviews, Submissions } from './submissions';

function ReviewForm({ path, onDone }: { path: string; onDone: () => void }) {
  const { t } = useT();
  const [stage, setStage] = useState<'interim' | 'final'>('interim');
  const [rating, setRating] = useState('good');
  const [commendation, setCommendation] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  return (
    <form
      className="panel"
      aria-label={t('reviews')}
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        post(`${path}/reviews`, { stage, rating, ...(commendation.trim() ? { commendation: commendation.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) }).then(onDone, setError);
      }}
    >
      <h3>{t('reviews')}</h3>
      <Field label={t('phase')}>
        {(id) => (
          <select id={id} value={stage} onChange={(e) => setStage(e.target.value as 'interim' | 'final')}>
            <option value="interim">{t('interimReview')}</option>
            <option value="final">{t('finalReview')}</option>
          </select>
        )}
      </Field>
      <Field label={t('rating')}>
        {(id) => <MapSelect id={id} value={rating} onChange={setRating} options={RATINGS} />}
      </Field>
      <Field label={t('commendation')}>{(id) => <input id={id} maxLength={LIMITS.commendation} value={commendation} onChange={(e) => setCommendation(e.target.value)} />}</Field>
      <Field label={t('note')}>{(id) => <textarea id={id} maxLength={LIMITS.note} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      <ErrorBox error={error} />
      <button type="submit" className="primary">
        {t('record')}
      </button>
    </form>
  );
}

export function UnitPage({ campaignId, unitId, session }: { campaignId: string; unitId: string; session: Session }) {
  const { t, task } = useT();
  const path = `/api/campaigns/${campaignId}/units/${unitId}`;
  const campaign = useData(() => get<CampaignSummary>(`/api/campaigns/${campaignId}`), [campaignId]);
  const unit = useData(() => get<UnitDetail>(path), [path], 3000);
  const events = useData(() => get<UnitEvent[]>(`${path}/events`), [path], 3000);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const reload = () => (unit.reload(), events.reload());
  const u = unit.data;
  const tz = campaign.data?.timezone ?? 'Asia/Ho_Chi_Minh';
  if (!u) return unit.error ? <ErrorBox error={unit.error} /> : <Loading />;
  return (
    <>
      <p>
        <Link to={`/campaigns/${campaignId}`}>← {campaign.data?.title ?? campaignId}</Link>
      </p>
      <div className="title-row">
        <h1>{u.name}</h1>
        <PhaseBadge phase={u.phase} />
      </div>
      <dl className="facts">
        <dt>{t('escalationLevel')}</dt>
        <dd className={u.escalationLevel ? 'bad' : ''}>{u.escalationLevel ? `${t('level')} ${u.escalationLevel}` : '—'}</dd>
        <dt>{t('overdue')}</dt>
        <dd className={u.overdue ? 'bad' : ''}>{u.overdue ? '✓' : '—'}</dd>
        <dt>{t('remindersSent')}</dt>
        <dd>{u.remindersSent}</dd>
        {Object.entries(u.deadlines).map(([k, d]) => d && (
          <div key={k} className="pair">
            <dt>{task(k, d.title)}</dt>
            <dd>
              {formatDateTime(d.dueAt, tz)} {d.cutoffAt ? `(${t('cutoff')} ${formatDateTime(d.cutoffAt, tz)})` : ''}
            </dd>
          </div>
        ))}
      </dl>
      <section aria-label={t('registration')}>
        <Submissions u={u} tz={tz} />
        {u.phase === 'registration-submitted' && (
          <div className="panel decision">
            <button type="button" className="primary" onClick={() => void post(`${path}/registration/decision`, { decision: 'approve' }).then(reload, setError)}>
              {t('approve')}
            </button>
            <Field label={t('returnedReason')}>{(id) => <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
            <button
              type="button"
              onClick={() => {
                if (!reason.trim()) return setError(new Error(t('returnedReason') + ': ' + t('required')));
                post(`${path}/registration/decision`, { decision: 'return', reason: reason.trim() }).then(() => (setReason(''), reload()), setError);
              }}
            >
              {t('returnIt')}
            </button>
            <ErrorBox error={error} />
          </div>
        )}
      </section>
      <ScoreSheetView campaignId={campaignId} unitId={unitId} />
      <section aria-label={t('reviews')}>
        <h2>{t('reviews')}</h2>
        <Reviews u={u} tz={tz} />
        {!['completed', 'non-compliant', 'withdrawn', 'cancelled'].includes(u.phase) && <ReviewForm path={path} onDone={reload} />}
      </section>
      {session.role === 'admin' && !['completed', 'non-compliant', 'withdrawn', 'cancelled'].includes(u.phase) && (
        <ConfirmButton danger label={t('withdraw')} onConfirm={() => api('DELETE', path, {}).then(reload)} />
      )}
      <section>
        <h2>{t('history')}</h2>
        {events.data ? <History events={events.data} tz={tz} titles={Object.fromEntries(Object.entries(u.deadlines).map(([k, d]) => [k, d?.title ?? k]))} /> : <Loading />}
      </section>
    </>
  );
}
