/** The unit's side: open tasks with countdowns, and the page of one campaign with the form of its task. */
import { useEffect, useState } from 'react';
import { get, type Session } from '../api';
import { countdown, formatDateTime } from '../format';
import { useT } from '../i18n';
import { Link } from '../router';
import type { Task, UnitDetail } from '../types';
import { ErrorBox, Loading, PhaseBadge, RehearsalNote, useData } from '../ui';
import { RegistrationForm, ReportForm } from './unit-forms';
import { ScoreSheetView } from './scores';
import { Reviews, Submissions } from './submissions';

function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

export function MyTasks() {
  const { t, task: taskName, lang } = useT();
  const tasks = useData(() => get<Task[]>('/api/me/tasks'), [], 5000, 'any');
  const now = useNow();
  if (!tasks.data) return tasks.error ? <ErrorBox error={tasks.error} /> : <Loading />;
  return (
    <>
      <h1>{t('myTasks')}</h1>
      {tasks.data.length === 0 && <p>{t('noTasks')}</p>}
      <ul className="tasks">
        {tasks.data.map((task) => {
          const c = countdown(task.dueAt, now, lang, task.dayLength);
          return (
            <li key={`${task.campaignId}-${task.kind}`} className={`task${task.overdue || c.overdue ? ' overdue' : ''}`}>
              <h2>{taskName(task.kind, task.title)}</h2>
              <p className="muted">{task.campaignTitle}</p>
              {task.dayLength && <RehearsalNote dayLength={task.dayLength} />}
              <p>
                {t('deadline')}: <strong>{formatDateTime(task.dueAt, task.timezone)}</strong> · <span className="countdown">{c.text}</span>
                {task.cutoffAt && (
                  <>
                    {' '}
                    · {t('cutoff')}: {formatDateTime(task.cutoffAt, task.timezone)}
                  </>
                )}
              </p>
              {task.returnedReason && (
                <p className="alert">
                  {t('returnedReason')}: {task.returnedReason}
                </p>
              )}
              <Link to={`/tasks/${task.campaignId}/${encodeURIComponent(task.kind)}`} className="button primary">
                {t('actOn')}
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** One task of one campaign (`kind`; the campaign's most urgent one when absent), its form, and what the unit sent. */
export function TaskPage({ campaignId, kind, session }: { campaignId: string; kind?: string; session: Session }) {
  const { t, task: taskName, lang } = useT();
  const now = useNow();
  const path = `/api/campaigns/${campaignId}/units/${session.unitId ?? ''}`;
  const unit = useData(() => get<UnitDetail>(path), [path], undefined, 'any');
  const tasks = useData(() => get<Task[]>('/api/me/tasks'), [path], undefined, 'any');
  const [done, setDone] = useState(false);
  const u = unit.data;
  if (!u || !tasks.data) return unit.error ? <ErrorBox error={unit.error} /> : <Loading />;
  const task =
    tasks.data.find((x) => x.campaignId === campaignId && (kind === undefined || x.kind === kind)) ??
    tasks.data.find((x) => x.campaignId === campaignId);
  const tz = task?.timezone ?? 'Asia/Ho_Chi_Minh';
  const after = () => {
    setDone(true);
    unit.reload();
    tasks.reload();
  };
  return (
    <>
      <p>
        <Link to="/tasks">← {t('myTasks')}</Link>
      </p>
      <div className="title-row">
        <h1>{u.name}</h1>
        <PhaseBadge phase={u.phase} />
      </div>
      {done && (
        <p className="success" role="status">
          {t('submitted')}
        </p>
      )}
      {task && (
        <section className="panel" aria-label={taskName(task.kind, task.title)}>
          <h2>{taskName(task.kind, task.title)}</h2>
          <p className="muted">{task.campaignTitle}</p>
          {task.dayLength && <RehearsalNote dayLength={task.dayLength} />}
          <p className={countdown(task.dueAt, now, lang, task.dayLength).overdue ? 'overdue' : undefined}>
            {t('deadline')}: <strong>{formatDateTime(task.dueAt, tz)}</strong> ·{' '}
            <span className="countdown">{countdown(task.dueAt, now, lang, task.dayLength).text}</span>
          </p>
          {task.kind === 'registration' ? (
            <RegistrationForm path={path} previous={u.submissions.registration} returnedReason={task.returnedReason} onDone={after} />
          ) : (
            <ReportForm
              key={task.kind}
              path={path}
              kind={task.kind}
              title={taskName(task.kind, task.title)}
              criteria={u.criteria}
              onDone={after}
            />
          )}
        </section>
      )}
      {/* Nothing sent and nothing reviewed yet: no empty heading. */}
      {(Object.values(u.submissions).some(Boolean) || Object.values(u.reviews).some(Boolean)) && (
        <section aria-label={t('yourSubmission')}>
          <h2>{t('yourSubmission')}</h2>
          <Submissions u={u} tz={tz} />
          <Reviews u={u} tz={tz} />
        </section>
      )}
      {session.unitId && <ScoreSheetView campaignId={campaignId} unitId={session.unitId} />}
    </>
  );
}
