/** One unit in a campaign, for admins and the coordinator: status, work, decisions, reviews, history. */
import { useState } from 'react';
import { LIMITS } from '@thidua/contracts';
import { api, get, mayAct, post, type Session } from '../api';
import { formatDateTime } from '../format';
import { RATINGS, useT } from '../i18n';
import { Link } from '../router';
import type { CampaignSummary, UnitDetail, UnitEvent } from '../types';
import { ConfirmButton, ErrorBox, Field, Loading, PhaseBadge, RehearsalNote, useData } from '../ui';
import { ScoreSheetView } from './scores';
import { History, Reviews, Submissions } from './submissions';

function ReviewForm({ path, onDone, finalStage }: { path: string; onDone: () => void; finalStage: boolean }) {
  const { t, l } = useT();
  const [stage, setStage] = useState<'interim' | 'final'>(finalStage ? 'final' : 'interim');
  // No rating is pre-set: the coordinator chooses one.
  const [rating, setRating] = useState('');
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
        if (!rating) return setError(new Error(`${t('rating')}: ${t('required')}`));
        post(`${path}/reviews`, {
          stage,
          rating,
          ...(commendation.trim() ? { commendation: commendation.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }).then(onDone, setError);
      }}
    >
      <Field label={t('phase')}>
        {(id) => (
          <select id={id} value={stage} onChange={(e) => setStage(e.target.value as 'interim' | 'final')}>
            <option value="interim">{t('interimReview')}</option>
            <option value="final">{t('finalReview')}</option>
          </select>
        )}
      </Field>
      <Field label={t('rating')}>
        {(id) => (
          <select id={id} value={rating} onChange={(e) => setRating(e.target.value)} required>
            <option value="">{t('choose')}</option>
            {Object.keys(RATINGS).map((k) => (
              <option key={k} value={k}>
                {l(RATINGS, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('commendation')}>
        {(id) => <input id={id} maxLength={LIMITS.commendation} value={commendation} onChange={(e) => setCommendation(e.target.value)} />}
      </Field>
      <Field label={t('note')}>
        {(id) => <textarea id={id} maxLength={LIMITS.note} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <ErrorBox error={error} />
      <button type="submit" className="primary">
        {t('record')}
      </button>
    </form>
  );
}

const REVIEWABLE = ['registration-approved', 'interim-review', 'in-progress', 'awaiting-final-report', 'final-report-submitted'];

export function UnitPage({ campaignId, unitId, session }: { campaignId: string; unitId: string; session: Session }) {
  const { t, task } = useT();
  const path = `/api/campaigns/${campaignId}/units/${unitId}`;
  const campaign = useData(() => get<CampaignSummary>(`/api/campaigns/${campaignId}`), [campaignId], undefined, { campaign: campaignId });
  const unit = useData(() => get<UnitDetail>(path), [path], 3000, { campaign: campaignId, unit: unitId });
  const events = useData(() => get<UnitEvent[]>(`${path}/events`), [path], 3000, { campaign: campaignId, unit: unitId });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [decided, setDecided] = useState<string>();
  const [error, setError] = useState<unknown>();
  const reload = () => (unit.reload(), events.reload());
  const u = unit.data;
  const tz = campaign.data?.timezone ?? 'Asia/Ho_Chi_Minh';
  // Until the campaign is read, nothing is offered: a read-only viewer never sees a button flash.
  const acts = campaign.data !== undefined && mayAct(session, campaign.data.orgId);
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
      {campaign.data?.dayLength && <RehearsalNote dayLength={campaign.data.dayLength} />}
      <dl className="facts">
        <dt>{t('escalationLevel')}</dt>
        <dd className={u.escalationLevel ? 'bad' : ''}>{u.escalationLevel ? `${t('level')} ${u.escalationLevel}` : '—'}</dd>
        <dt>{t('overdue')}</dt>
        <dd className={u.overdue ? 'bad' : ''}>{u.overdue ? '✓' : '—'}</dd>
        <dt>{t('remindersSent')}</dt>
        <dd>{u.remindersSent}</dd>
        {Object.entries(u.deadlines).map(
          ([k, d]) =>
            d && (
              <div key={k} className="pair">
                <dt>{task(k, d.title)}</dt>
                <dd>
                  {formatDateTime(d.dueAt, tz)} {d.cutoffAt ? `(${t('cutoff')} ${formatDateTime(d.cutoffAt, tz)})` : ''}
                </dd>
              </div>
            ),
        )}
      </dl>
      <section aria-label={t('registration')}>
        <Submissions u={u} tz={tz} />
        {decided && (
          <p className="success" role="status">
            {decided}
          </p>
        )}
        {acts && u.phase === 'registration-submitted' && (
          <div className="panel decision">
            <h2>{t('registrationDecision')}</h2>
            {/* Approving asks first; returning needs its reason: two separate acts, apart from each other. */}
            <ConfirmButton
              label={t('approve')}
              onConfirm={() =>
                post(`${path}/registration/decision`, { decision: 'approve' }).then(() => (setDecided(t('approvedNotice')), reload()))
              }
            />
            <hr />
            <Field label={t('returnedReason')} error={reasonError}>
              {(id, d) => <textarea id={id} aria-describedby={d} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <button
              type="button"
              onClick={() => {
                setError(undefined);
                if (!reason.trim()) return setReasonError(t('required'));
                setReasonError(undefined);
                post(`${path}/registration/decision`, { decision: 'return', reason: reason.trim() }).then(
                  () => (setReason(''), setDecided(t('returnedNotice')), reload()),
                  setError,
                );
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
        {/* Only a unit whose registration was approved has anything to review. */}
        {acts && REVIEWABLE.includes(u.phase) && (
          <ReviewForm
            key={u.phase}
            path={path}
            onDone={reload}
            finalStage={u.phase === 'awaiting-final-report' || u.phase === 'final-report-submitted'}
          />
        )}
      </section>
      {acts && session.role === 'admin' && !['completed', 'non-compliant', 'withdrawn', 'cancelled'].includes(u.phase) && (
        <ConfirmButton danger label={t('withdraw')} onConfirm={() => api('DELETE', path, {}).then(reload)} />
      )}
      <section>
        <h2>{t('history')}</h2>
        {events.data ? (
          <History
            events={events.data}
            tz={tz}
            unitName={u.name}
            titles={Object.fromEntries(Object.entries(u.deadlines).map(([k, d]) => [k, d?.title ?? k]))}
          />
        ) : (
          <Loading />
        )}
      </section>
    </>
  );
}
