/** Read-only views of what a unit submitted, and its history: shared by staff and unit pages. */
import { formatDateTime } from '../format';
import { EVENTS, METRICS, RATINGS, useT } from '../i18n';
import type { Submission, UnitDetail, UnitEvent } from '../types';
import { AttachmentList } from './attachments';

export function SubmissionView({
  kind,
  title,
  s,
  tz,
  campaignId,
}: {
  kind: string;
  title?: string;
  s: Submission;
  tz: string;
  campaignId?: string;
}) {
  const { t, l, task } = useT();
  return (
    <article className="submission" aria-label={task(kind, title)}>
      <h3>
        {task(kind, title)}{' '}
        <small className="muted">
          {formatDateTime(s.at, tz)}
          {s.late ? ` · ${t('late')}` : ''}
        </small>
      </h3>
      {s.commitments && <p className="pre">{s.commitments}</p>}
      {s.initiatives && (
        <ol className="initiatives">
          {s.initiatives.map((i, n) => (
            <li key={n}>
              <strong>{i.title}</strong>: {i.description}
            </li>
          ))}
        </ol>
      )}
      {s.summary && <p className="pre">{s.summary}</p>}
      {s.criteriaCheck ? (
        <div className="table-scroll">
          <table>
            <caption>{t('criteriaCheck')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('criterion')}</th>
                <th scope="col">{t('criterionTarget')}</th>
                <th scope="col">{t('statedValue')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {s.criteriaCheck.map((c) => (
                <tr key={c.criterion} className={c.met === false ? 'overdue' : ''}>
                  <td>{c.title}</td>
                  <td>{c.target}</td>
                  <td>{c.value === null ? '—' : String(c.value).replace('.', ',')}</td>
                  <td>{c.met === null ? t('notStated') : c.met ? `✓ ${t('met')}` : `✗ ${t('notMet')}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : s.targetCheck ? (
        <div className="table-scroll">
          <table>
            <caption>{t('targetCheck')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('targetCheck')}</th>
                <th scope="col">{t('summary')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {s.targetCheck.map((c) => (
                <tr key={c.metric} className={c.met === false ? 'overdue' : ''}>
                  <td>{c.target}</td>
                  <td>{c.value ?? '—'}</td>
                  <td>{c.met === null ? t('notStated') : c.met ? `✓ ${t('met')}` : `✗ ${t('notMet')}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        s.metrics && (
          <ul>
            {Object.entries(s.metrics).map(([k, v]) => (
              <li key={k}>
                {l(METRICS, k)}: {v}
              </li>
            ))}
          </ul>
        )
      )}
      {campaignId && <AttachmentList campaignId={campaignId} files={s.attachments} />}
    </article>
  );
}

/** Every submission of the unit, in the order its tasks fall due (registration, rounds, final report). */
export function Submissions({ u, tz }: { u: UnitDetail; tz: string }) {
  const kinds = Object.entries(u.deadlines)
    .sort(([, a], [, b]) => Date.parse(a?.dueAt ?? '') - Date.parse(b?.dueAt ?? ''))
    .map(([k]) => k);
  return (
    <>
      {kinds.map((k) => {
        const s = u.submissions[k as keyof UnitDetail['submissions']];
        return s ? (
          <SubmissionView
            key={k}
            kind={k}
            title={u.deadlines[k as keyof UnitDetail['deadlines']]?.title}
            s={s}
            tz={tz}
            campaignId={u.campaignId}
          />
        ) : null;
      })}
    </>
  );
}

export function Reviews({ u, tz }: { u: UnitDetail; tz: string }) {
  const { t, l } = useT();
  const entries = (['interim', 'final'] as const).filter((s) => u.reviews[s]);
  if (!entries.length) return null;
  return (
    <ul className="reviews">
      {entries.map((s) => (
        <li key={s}>
          <strong>{s === 'interim' ? t('interimReview') : t('finalReview')}</strong>: {l(RATINGS, u.reviews[s]!.rating)}
          {u.reviews[s]!.commendation ? ` · ${u.reviews[s]!.commendation}` : ''}
          {u.reviews[s]!.note ? ` · ${u.reviews[s]!.note}` : ''} <small className="muted">{formatDateTime(u.reviews[s]!.at, tz)}</small>
        </li>
      ))}
    </ul>
  );
}

/** The unit's log, oldest first; `titles` names report rounds by their own titles. */
export function History({
  events,
  tz,
  titles,
  unitName,
}: {
  events: UnitEvent[];
  tz: string;
  titles?: Readonly<Record<string, string>>;
  unitName?: string;
}) {
  const { t, l, task } = useT();
  /** Who acted, in words: the unit by its name, staff by role and login, the engine as "hệ thống". */
  const who = (actor: string): string => {
    const [role, name] = actor.includes(':') ? [actor.slice(0, actor.indexOf(':')), actor.slice(actor.indexOf(':') + 1)] : ['', actor];
    if (role === 'unit') return unitName ?? `${t('roleUnit')} ${name}`;
    if (role === 'coordinator') return `${t('roleCoordinator')} (${name})`;
    if (role === 'admin') return `${t('roleAdmin')} (${name})`;
    return actor === 'system' ? t('systemActor') : actor;
  };
  return (
    <ol className="history" aria-label={t('history')}>
      {events.map((e) => (
        <li key={e.id} className={`event ${e.type}`}>
          <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, tz, true)}</time> <strong>{l(EVENTS, e.type)}</strong>
          {'level' in e.data ? ` (${t('level')} ${e.data.level})` : ''}
          {'task' in e.data && e.data.task ? ` · ${task(e.data.task, titles?.[e.data.task])}` : ''}
          {'reason' in e.data && e.data.reason ? ` · ${e.data.reason}` : ''}
          {e.actor && <span className="muted"> · {who(e.actor)}</span>}
        </li>
      ))}
    </ol>
  );
}
