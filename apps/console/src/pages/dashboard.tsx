/** A campaign at a glance: milestones, report rounds and meetings on a timeline, each task's progress, counts per phase, the unit table; admin operations. */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { download, get, mayAct, post, type Session } from '../api';
import { formatDateTime } from '../format';
import { MILESTONES, PHASES, UNIT_KINDS, useT, type Key, type Label } from '../i18n';
import { Link } from '../router';
import { MILESTONE_ORDER, type CampaignSummary, type TaskProgress, type UnitRow } from '../types';
import { ConfirmButton, ErrorBox, Loading, PhaseBadge, RehearsalNote, useData } from '../ui';
import { CampaignActions } from './campaign-actions';
import { RollupSection } from './rollup';

type Page = { items: UnitRow[]; total: number; page: number; pageSize: number };
type SortKey = 'name' | 'phase' | 'escalation' | 'updated' | 'deadline' | 'late';

/** Every dated point of the plan: its milestones, report rounds and review meetings, in time order. */
function planPoints(
  c: CampaignSummary,
  l: (m: Record<string, Label>, k: string) => string,
  t: (k: Key) => string,
): Array<{ key: string; label: string; at: number; iso: string }> {
  const milestones = MILESTONE_ORDER.filter((k) => c.milestones[k]).map((k) => ({
    key: k,
    label: l(MILESTONES, k),
    at: Date.parse(c.milestones[k]!),
    iso: c.milestones[k]!,
  }));
  const rounds = c.reports.map((r) => ({
    key: `round:${r.id}`,
    label: `${t('deadline')} ${r.title.charAt(0).toLocaleLowerCase('vi')}${r.title.slice(1)}`,
    at: Date.parse(r.due),
    iso: r.due,
  }));
  const meetings = c.meetings.map((m) => ({ key: `meeting:${m.id}`, label: m.title, at: Date.parse(m.at), iso: m.at }));
  return [...milestones, ...rounds, ...meetings].sort((a, b) => a.at - b.at);
}

/** A dot's diameter plus the gap kept between two dots of one lane, in CSS pixels. */
const DOT_PITCH = 26;

/**
 * The lane of each dot: dots closer than one pitch on a track this wide go to the next lane down, so no two
 * dots overlap on a narrow phone while a desktop keeps them on one line.
 */
function timelineLanes(fractions: number[], width: number): number[] {
  const laneEnds: number[] = [];
  return fractions.map((f) => {
    const x = f * width;
    let lane = laneEnds.findIndex((end) => x - end >= DOT_PITCH);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = x;
    return lane;
  });
}

/** The width of an element, following it as the window resizes. */
function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setWidth(el.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function Timeline({ c }: { c: CampaignSummary }) {
  const { t, l } = useT();
  const [track, width] = useWidth<HTMLDivElement>();
  const points = planPoints(c, l, t);
  const start = points[0].at;
  const end = points[points.length - 1].at;
  const fraction = (at: number) => Math.min(1, Math.max(0, (at - start) / Math.max(1, end - start)));
  const lanes = timelineLanes(
    points.map((p) => fraction(p.at)),
    width,
  );
  const now = Date.now();
  const kind = (key: string) => (key.startsWith('round:') ? ' round' : key.startsWith('meeting:') ? ' meeting' : '');
  return (
    <figure className="timeline" aria-label={t('milestones')}>
      {/* Each dot carries its number in the list below (the list says it all for screen readers). */}
      <div className="track" aria-hidden="true" ref={track} style={{ marginBottom: `calc(1rem + ${Math.max(0, ...lanes) * DOT_PITCH}px)` }}>
        {points.map((p, i) => (
          <span
            key={p.key}
            className={`tick${p.at <= now ? ' past' : ''}${kind(p.key)}${lanes[i] ? ' lower' : ''}`}
            style={{ left: `${fraction(p.at) * 100}%`, top: `${lanes[i] * DOT_PITCH - 8}px` }}
            title={`${i + 1}. ${p.label} ${formatDateTime(p.iso, c.timezone)}`}
          >
            {i + 1}
          </span>
        ))}
        {now >= start && now <= end && (
          <span className="today" style={{ left: `${fraction(now) * 100}%` }}>
            <span className="today-label">{t('today')}</span>
          </span>
        )}
      </div>
      <ol className="legend">
        {points.map((p) => (
          <li key={p.key} className={`${p.at <= now ? 'past' : ''}${kind(p.key)}`}>
            <strong>{p.label}</strong> {formatDateTime(p.iso, c.timezone)}
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** Each task of the campaign (registration, every report round, the final report): who has sent it, who is late. */
function TaskProgressTable({ c }: { c: CampaignSummary }) {
  const { t, task } = useT();
  const progress = useData(() => get<TaskProgress[]>(`/api/campaigns/${c.id}/tasks`), [c.id], 5000, { campaign: c.id });
  if (!progress.data) return progress.error ? <ErrorBox error={progress.error} /> : null;
  return (
    <div className="table-scroll">
      <table className="task-progress">
        <caption>{t('taskProgress')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('task')}</th>
            <th scope="col">{t('deadline')}</th>
            <th scope="col">{t('sent')}</th>
            <th scope="col">{t('stillExpected')}</th>
            <th scope="col">{t('overdue')}</th>
            <th scope="col">{t('sentLate')}</th>
          </tr>
        </thead>
        <tbody>
          {progress.data.map((p) => {
            const sent = (p.counts.submitted ?? 0) + (p.counts.approved ?? 0);
            const expected = (p.counts.open ?? 0) + (p.counts.returned ?? 0);
            return (
              <tr key={p.task} data-task={p.task} className={p.overdue ? 'overdue' : ''}>
                <th scope="row">{task(p.task, p.title)}</th>
                <td>{formatDateTime(p.dueAt, c.timezone)}</td>
                <td>{sent}</td>
                <td>{expected}</td>
                <td className={p.overdue ? 'bad' : ''}>{p.overdue}</td>
                <td>{p.late}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PhaseChart({ c }: { c: CampaignSummary }) {
  const { t, l } = useT();
  const entries = Object.entries(c.counts.byPhase).filter(([, n]) => n > 0);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <figure className="chart" aria-label={t('byPhase')}>
      <figcaption>{t('byPhase')}</figcaption>
      {entries.map(([phase, n]) => (
        <div key={phase} className="bar-row">
          <span className="bar-label">{l(PHASES, phase)}</span>
          <span className={`bar phase-${phase}`} style={{ width: `${(n / max) * 100}%` }} />
          <span className="bar-value">{n}</span>
        </div>
      ))}
    </figure>
  );
}

/** How late, in words: "3 ngày làm việc", or "dưới 1 ngày" on the day it was missed. */
function lateWords(r: UnitRow, t: (k: Key) => string): string {
  if (!r.overdue) return '';
  if (r.daysOverdue === 0) return t('lessThanADay');
  return `${r.daysOverdue} ${r.workingDays ? t('workingDaysWord') : t('daysWord')}`;
}

/** CSV of the table as filtered and sorted (every page), with a BOM so Excel shows Vietnamese correctly. */
async function exportCsv(
  c: CampaignSummary,
  filters: URLSearchParams,
  t: (k: Key) => string,
  l: (m: Record<string, Label>, k: string) => string,
): Promise<void> {
  const rows: UnitRow[] = [];
  for (let page = 1; ; page++) {
    const q = new URLSearchParams(filters);
    q.set('pageSize', '500');
    q.set('page', String(page));
    const p = await get<Page>(`/api/campaigns/${c.id}/units?${q.toString()}`);
    rows.push(...p.items);
    if (rows.length >= p.total || p.items.length === 0) break;
  }
  const head = (
    ['colUnitId', 'colUnit', 'colPhase', 'colDeadline', 'colOverdue', 'colDaysOverdue', 'colEscalation', 'colReminders'] as const
  ).map(t);
  const q = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = [
    head,
    ...rows.map((r) => [
      r.unitId,
      r.name,
      l(PHASES, r.phase),
      formatDateTime(r.nextDueAt, c.timezone),
      r.overdue ? t('yes') : t('no'),
      lateWords(r, t),
      r.escalationLevel ? `${t('level')} ${r.escalationLevel}` : '',
      r.remindersSent,
    ]),
  ];
  const blob = new Blob(['\uFEFF' + lines.map((line) => line.map(q).join(',')).join('\r\n')], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${c.id}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function Dashboard({ id, session }: { id: string; session: Session }) {
  const { t, l, f } = useT();
  const [phase, setPhase] = useState('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [reminded, setReminded] = useState<number>();
  const [sort, setSort] = useState<SortKey>('escalation');
  const [page, setPage] = useState(1);
  const summary = useData(() => get<CampaignSummary>(`/api/campaigns/${id}`), [id], 3000, { campaign: id });
  const filters = new URLSearchParams({
    sort,
    ...(phase ? { phase } : {}),
    ...(kind ? { kind } : {}),
    ...(onlyOverdue ? { overdue: 'true' } : {}),
    ...(q ? { q } : {}),
  });
  const params = new URLSearchParams({ ...Object.fromEntries(filters), page: String(page), pageSize: '100' });
  const units = useData(() => get<Page>(`/api/campaigns/${id}/units?${params.toString()}`), [id, params.toString()], 3000, {
    campaign: id,
  });
  const c = summary.data;
  if (!c) return summary.error ? <ErrorBox error={summary.error} /> : <Loading />;
  const acts = mayAct(session, c.orgId);
  const sortHeader = (key: SortKey, label: string) => (
    <th
      scope="col"
      aria-sort={sort !== key ? 'none' : key === 'name' || key === 'phase' || key === 'deadline' ? 'ascending' : 'descending'}
    >
      <button type="button" className="link" onClick={() => setSort(key)}>
        {label}
      </button>
    </th>
  );
  return (
    <>
      <div className="title-row">
        <h1>{c.title}</h1>
        <span className={`badge status-${c.status}`}>{l(PHASES, c.status)}</span>
      </div>
      <p className="muted">
        {c.id} · {c.issuer} · {c.coordinator}
      </p>
      {c.dayLength && <RehearsalNote dayLength={c.dayLength} />}
      {!c.launch.done && (
        <div className="progress-box">
          <label htmlFor="launch-progress">
            {t('launching')}: {c.launch.unitsEnrolled}/{c.launch.unitsTotal}
          </label>
          <progress id="launch-progress" max={c.launch.unitsTotal} value={c.launch.unitsEnrolled} />
        </div>
      )}
      {c.fanOut && !c.fanOut.finished && (
        <div className="progress-box">
          <label htmlFor="fan-out-progress">
            {t(
              c.fanOut.signal === 'milestonesMoved'
                ? 'fanOutMove'
                : c.fanOut.signal === 'calendarChanged'
                  ? 'fanOutCalendar'
                  : 'fanOutCancel',
            )}
            : {c.fanOut.done}/{c.fanOut.total}
          </label>
          <progress id="fan-out-progress" max={c.fanOut.total} value={c.fanOut.done} />
        </div>
      )}
      {!acts && (
        <p className="note" role="note">
          {t('readOnlyCampaign')}
        </p>
      )}
      {c.parent && (
        <p className="note" role="note">
          {t('subCampaignOf')} <Link to={`/upward/${c.parent.campaignId}`}>{c.parent.campaignId}</Link>
        </p>
      )}
      <Timeline c={c} />
      <TaskProgressTable c={c} />
      <RollupSection c={c} />
      {c.criteria && <Link to={`/campaigns/${c.id}/scores`}>{t('scores')} →</Link>}{' '}
      <Link to={`/campaigns/${c.id}/commendation`}>{t('commendationStage')} →</Link>
      <div className="stats">
        <PhaseChart c={c} />
        <dl className="kpis">
          <dt>{t('units')}</dt>
          <dd>{c.launch.unitsTotal}</dd>
          <dt>{t('overdue')}</dt>
          <dd className={c.counts.overdue ? 'bad' : ''}>{c.counts.overdue}</dd>
          <dt>{t('escalated')}</dt>
          <dd className={c.counts.escalated ? 'bad' : ''}>{c.counts.escalated}</dd>
        </dl>
      </div>
      <section aria-label={t('units')}>
        <h2>{t('units')}</h2>
        {acts && c.counts.overdue > 0 && c.status === 'running' && (
          <ConfirmButton
            label={f('remindOverdue', c.counts.overdue)}
            onConfirm={() =>
              post<{ reminded: number }>(`/api/campaigns/${c.id}/reminders`).then((r) => (setReminded(r.reminded), units.reload()))
            }
          />
        )}
        {reminded !== undefined && (
          <p className="success" role="status">
            {f('remindedUnits', reminded)}
          </p>
        )}
        <div className="filters">
          <label>
            {t('phase')}{' '}
            <select value={phase} onChange={(e) => (setPhase(e.target.value), setPage(1))}>
              <option value="">{t('allPhases')}</option>
              {Object.keys(PHASES)
                .filter((p) => p !== 'launching' && p !== 'running')
                .map((p) => (
                  <option key={p} value={p}>
                    {l(PHASES, p)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('unitKind')}{' '}
            <select value={kind} onChange={(e) => (setKind(e.target.value), setPage(1))}>
              <option value="">{t('all')}</option>
              {Object.keys(UNIT_KINDS).map((k) => (
                <option key={k} value={k}>
                  {l(UNIT_KINDS, k)}
                </option>
              ))}
            </select>
          </label>
          {/* The column headers sort on a desk; a phone's cards have no headers, so the order is chosen here too. */}
          <label>
            {t('sortBy')}{' '}
            <select value={sort} onChange={(e) => (setSort(e.target.value as SortKey), setPage(1))}>
              {(
                [
                  ['escalation', t('escalationLevel')],
                  ['late', t('daysOverdue')],
                  ['deadline', t('deadline')],
                  ['name', t('unit')],
                  ['phase', t('phase')],
                  ['updated', t('lastChange')],
                ] as const
              ).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={onlyOverdue} onChange={(e) => (setOnlyOverdue(e.target.checked), setPage(1))} />{' '}
            {t('onlyOverdue')}
          </label>
          <label>
            {t('search')} <input type="search" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />
          </label>
          <button type="button" onClick={() => void exportCsv(c, filters, t, l)}>
            {t('exportCsv')}
          </button>
          <button
            type="button"
            onClick={() => void download(`/api/campaigns/${c.id}/units.xlsx?${filters.toString()}`, `don-vi-${c.id}.xlsx`)}
          >
            {t('exportXlsx')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('printSummary')}
          </button>
        </div>
        <ErrorBox error={units.error} />
        <div className="table-scroll">
          <table className="units stacked">
            <thead>
              <tr>
                {sortHeader('name', t('unit'))}
                {sortHeader('phase', t('phase'))}
                {sortHeader('deadline', t('deadline'))}
                {sortHeader('late', t('daysOverdue'))}
                {sortHeader('escalation', t('escalationLevel'))}
                <th scope="col">{t('remindersSent')}</th>
              </tr>
            </thead>
            <tbody>
              {units.data?.items.map((u) => (
                <tr
                  key={u.unitId}
                  className={`${u.overdue ? 'overdue' : ''} ${u.escalationLevel ? `escalated-${u.escalationLevel}` : ''}`}
                  data-unit={u.unitId}
                >
                  <td className="unit-name">
                    <Link to={`/campaigns/${c.id}/units/${u.unitId}`}>{u.name}</Link>
                  </td>
                  <td data-label={t('phase')}>
                    <PhaseBadge phase={u.phase} /> {u.overdue && <span className="badge late">{t('overdue')}</span>}
                  </td>
                  <td data-label={t('deadline')}>{formatDateTime(u.nextDueAt, c.timezone)}</td>
                  <td data-label={t('daysOverdue')}>{lateWords(u, t)}</td>
                  <td data-label={t('escalationLevel')}>{u.escalationLevel ? `${t('level')} ${u.escalationLevel}` : ''}</td>
                  <td data-label={t('remindersSent')}>{u.remindersSent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {units.data && units.data.total > units.data.pageSize && (
          <nav aria-label={t('page')} className="pager">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('prev')}
            </button>
            <span>
              {t('page')} {page}/{Math.ceil(units.data.total / units.data.pageSize)}
            </span>
            <button type="button" disabled={page * units.data.pageSize >= units.data.total} onClick={() => setPage(page + 1)}>
              {t('next')}
            </button>
          </nav>
        )}
      </section>
      {acts && session.role === 'admin' && c.status !== 'cancelled' && c.status !== 'finished' && (
        <CampaignActions c={c} onDone={() => (summary.reload(), units.reload())} />
      )}
    </>
  );
}
