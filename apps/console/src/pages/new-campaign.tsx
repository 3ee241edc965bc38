/** Launch a campaign from a template: dates (or compressed time), units, milestones, report rounds and meetings, the criteria, chase policy. */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../api';
import { fromLocalInput, toLocalInput } from '../format';
import { MILESTONES, useT } from '../i18n';
import { useRoute } from '../router';
import { durationMs, formatDuration, checkMilestones, SLUG } from '@thidua/contracts';
import {
  MILESTONE_ORDER,
  type CampaignSummary,
  type Chase,
  type Criterion,
  type DirectoryUnit,
  type Meeting,
  type ReportRound,
  type TemplateSummary,
} from '../types';
import { CriteriaList, DatedRows, type DatedRow } from './plan-editors';
import { LaunchConfirm, UnitPicker, type UnitSuggestion } from './unit-picker';
import { DateTimeInput, ErrorBox, Field, Loading, useData } from '../ui';

const TZ = 'Asia/Ho_Chi_Minh';
/** A number of plan days as people write it ("1,5" or "1.5"); NaN when it is not a positive number. */
const days = (text: string): number => {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : NaN;
};
/** "7, 3, 1" → [7, 3, 1] ("và" and ";" separate too). */
const dayList = (text: string): number[] =>
  text
    .split(/\s*(?:,(?!\d)|;|\bvà\b)\s*/)
    .filter((s) => s.trim())
    .map(days);
/** A chase duration of the engine as plan days (a rehearsal's days last `dayMs`). */
const toDays = (iso: string, dayMs: number): string => String(Math.round((durationMs(iso) / dayMs) * 100) / 100).replace('.', ',');

interface Definition {
  code: string;
  title: string;
  timezone: string;
  milestones: Record<string, string | undefined>;
  chase: Chase;
  units: Array<{ id: string }>;
  reports?: ReportRound[];
  meetings?: Meeting[];
  criteria?: Criterion[];
  calendar?: { workingDays?: boolean; officeHours?: { start: string; end: string } | false; shiftDeadlines?: boolean };
  [k: string]: unknown;
}

export function NewCampaign() {
  const { t, f, l } = useT();
  const { go } = useRoute();
  const templates = useData(() => get<TemplateSummary[]>('/api/campaign-templates'), []);
  const directory = useData(() => get<DirectoryUnit[]>('/api/units'), []);
  const [templateId, setTemplateId] = useState('');
  const [code, setCode] = useState(`thi-dua-${new Date().getFullYear()}`);
  const [launchAt, setLaunchAt] = useState(toLocalInput(new Date(Date.now() + 60_000).toISOString(), TZ));
  const [rehearsal, setRehearsal] = useState(false);
  const [daySeconds, setDaySeconds] = useState('1');
  const [def, setDef] = useState<Definition>();
  const [title, setTitle] = useState('');
  const [milestones, setMilestones] = useState<Record<string, string>>({});
  const [offsets, setOffsets] = useState('');
  const [interval, setInterval] = useState('');
  const [delay, setDelay] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rounds, setRounds] = useState<DatedRow[]>([]);
  const [workingDays, setWorkingDays] = useState(false);
  const [officeHours, setOfficeHours] = useState(false);
  const [shift, setShift] = useState(false);
  const [meetings, setMeetings] = useState<DatedRow[]>([]);
  const [suggestion, setSuggestion] = useState<UnitSuggestion>();
  const [confirming, setConfirming] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // How long a plan day lasts: a day, or in a rehearsal the seconds chosen.
  const dayMs = rehearsal ? Number(daySeconds) * 1000 : 86_400_000;

  useEffect(() => {
    if (!templateId && templates.data?.[0]) setTemplateId(templates.data[0].id);
  }, [templates.data, templateId]);

  const applyTemplate = async () => {
    setError(undefined);
    const launch = fromLocalInput(launchAt, TZ);
    if (!launch) return setProblems({ launchAt: t('invalidLaunchDate') });
    const q = new URLSearchParams({ launchAt: launch, code });
    if (rehearsal) q.set('dayLength', `PT${Number(daySeconds)}S`);
    try {
      const d = await get<Definition>(`/api/campaign-templates/${templateId}?${q.toString()}`);
      setDef(d);
      setTitle(d.title);
      setMilestones(Object.fromEntries(MILESTONE_ORDER.map((k) => [k, toLocalInput(d.milestones[k], d.timezone)])));
      setRounds(
        (d.reports ?? []).map((r) => ({
          id: r.id,
          title: r.title,
          at: toLocalInput(r.due, d.timezone),
          cutoff: toLocalInput(r.cutoffAt, d.timezone),
        })),
      );
      setMeetings((d.meetings ?? []).map((m) => ({ id: m.id, title: m.title, at: toLocalInput(m.at, d.timezone), cutoff: '' })));
      setWorkingDays(d.calendar?.workingDays === true);
      setOfficeHours(d.calendar !== undefined && d.calendar.officeHours !== false);
      setShift(d.calendar?.shiftDeadlines === true);
      setOffsets(d.chase.reminderOffsets.map((o) => toDays(o, dayMs)).join('; '));
      setInterval(toDays(d.chase.overdueReminderInterval, dayMs));
      setDelay(toDays(d.chase.escalationDelay, dayMs));
      // The template's units that are in the directory are chosen, and the page says so (with a way back).
      const known = new Set(directory.data?.map((u) => u.id));
      const before = new Set(selected);
      const ticked = d.units.map((u) => u.id).filter((id) => known.has(id));
      setSelected(new Set([...selected, ...ticked]));
      const template = templates.data?.find((tp) => tp.id === templateId);
      setSuggestion(
        d.units.length
          ? {
              source: template?.title ?? templateId,
              ticked: ticked.length,
              missing: d.units.length - ticked.length,
              undo: () => (setSelected(before), setSuggestion(undefined)),
            }
          : undefined,
      );
      setProblems({});
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) setProblems(e.byField());
    }
  };

  /** Vietnamese checks beside each field before anything is sent; the server checks again. */
  const validate = (): Record<string, string> => {
    const p: Record<string, string> = {};
    if (!SLUG.test(code)) p.code = t('slugRule');
    if (!title.trim()) p.title = t('required');
    // The contracts' own milestone check, on what the form would send; messages beside each field.
    const iso: Record<string, string> = {};
    for (const k of MILESTONE_ORDER) {
      if (!milestones[k]) continue;
      const at = fromLocalInput(milestones[k], TZ);
      if (at) iso[k] = at;
      else p[k] = t('invalidInstant');
    }
    for (const problem of checkMilestones(iso)) {
      if (p[problem.milestone]) continue;
      if (problem.kind === 'required') p[problem.milestone] = t('required');
      else if (problem.kind === 'before') p[problem.milestone] = f('milestoneNotBefore', l(MILESTONES, problem.previous));
      else if (problem.kind === 'needs') p[problem.milestone] = f('milestoneNeeds', l(MILESTONES, problem.other));
      else p[problem.milestone] = t('invalidInstant');
    }
    if (dayList(offsets).some((d) => Number.isNaN(d))) p.reminderOffsets = t('durationsRule');
    if (Number.isNaN(days(interval))) p.overdueReminderInterval = t('intervalRule');
    if (Number.isNaN(days(delay))) p.escalationDelay = t('delayRule');
    if (selected.size === 0) p.units = t('pickAtLeastOneUnit');
    return p;
  };

  /** Checks the form, then asks "Phát động cho N đơn vị?" with the units listed. */
  const review = (e: FormEvent) => {
    e.preventDefault();
    if (!def) return;
    const p = validate();
    setProblems(p);
    if (Object.keys(p).length) return setError(new Error(t('fixErrors')));
    setError(undefined);
    setConfirming(true);
  };

  const launch = async () => {
    if (!def) return;
    setBusy(true);
    setError(undefined);
    const ms = Object.fromEntries(MILESTONE_ORDER.filter((k) => milestones[k]).map((k) => [k, fromLocalInput(milestones[k], TZ)]));
    const at = (v: string): string => fromLocalInput(v, TZ) ?? v;
    const iso = (n: number): string => formatDuration(n * dayMs);
    const dated = {
      ...(def.reports
        ? {
            reports: rounds.map((r) => ({
              id: r.id,
              title: r.title.trim(),
              due: at(r.at),
              ...(r.cutoff ? { cutoffAt: at(r.cutoff) } : {}),
            })),
          }
        : {}),
      ...(def.meetings ? { meetings: meetings.map((m) => ({ id: m.id, title: m.title.trim(), at: at(m.at) })) } : {}),
    };
    // A rehearsal's days last seconds: the engine ignores a calendar there, so none is sent.
    const calendar =
      rehearsal || (!workingDays && !officeHours && !shift)
        ? { calendar: undefined }
        : { calendar: { workingDays, ...(officeHours ? {} : { officeHours: false }), shiftDeadlines: shift } };
    const definition = {
      ...def,
      ...dated,
      ...calendar,
      code,
      title: title.trim(),
      milestones: ms,
      units: [...selected],
      chase: {
        reminderOffsets: dayList(offsets).map(iso),
        overdueReminderInterval: iso(days(interval)),
        escalationDelay: iso(days(delay)),
      },
    };
    try {
      const c = await post<CampaignSummary>('/api/campaigns', { definition });
      go(`/campaigns/${c.id}`);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setProblems(err.byField());
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (!templates.data || !directory.data) return <Loading />;
  return (
    <>
      <h1>{t('newCampaign')}</h1>
      {directory.data.length === 0 && (
        <p className="panel">
          {t('directory')}: {t('none')}.{' '}
          <button type="button" onClick={() => void post('/api/units/import', { templateId }).then(directory.reload, setError)}>
            {t('importPlanUnits')}
          </button>
        </p>
      )}
      <form onSubmit={(e) => (e.preventDefault(), void applyTemplate())} className="panel" aria-label={t('template')}>
        <Field label={t('template')}>
          {(id) => (
            <select id={id} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              {templates.data!.map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {tp.title}
                  {tp.historical ? ` (${t('historical')})` : ''} · {f('templateShape', tp.version, tp.reports, tp.criteria)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('code')} error={problems.code}>
          {(id, d) => <input id={id} aria-describedby={d} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field label={`${t('launchAt')} (${TZ})`} error={problems.launchAt}>
          {(id, d) => <DateTimeInput id={id} aria-describedby={d} value={launchAt} onChange={setLaunchAt} />}
        </Field>
        <div className="field checkbox">
          <input id="rehearsal" type="checkbox" checked={rehearsal} onChange={(e) => setRehearsal(e.target.checked)} />
          <label htmlFor="rehearsal">{t('rehearsal')}</label>
        </div>
        {rehearsal && (
          <Field label={t('dayLength')}>
            {(id) => (
              <input
                id={id}
                type="number"
                min="0.1"
                max="86400"
                step="0.1"
                value={daySeconds}
                onChange={(e) => setDaySeconds(e.target.value)}
              />
            )}
          </Field>
        )}
        <button type="submit">{t('loadTemplate')}</button>
      </form>
      {def && (
        <form onSubmit={review} className="panel" aria-label={t('newCampaign')} noValidate>
          <Field label={t('title')} error={problems.title}>
            {(id, d) => <input id={id} aria-describedby={d} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <fieldset>
            <legend>
              {t('milestones')} ({TZ})
            </legend>
            {MILESTONE_ORDER.map((k) => (
              <Field key={k} label={l(MILESTONES, k)} error={problems[k]}>
                {(id, d) => (
                  <DateTimeInput
                    id={id}
                    aria-describedby={d}
                    value={milestones[k] ?? ''}
                    onChange={(v) => setMilestones({ ...milestones, [k]: v })}
                  />
                )}
              </Field>
            ))}
          </fieldset>
          {def.reports && <DatedRows rows={rounds} set={setRounds} label={t('designerRounds')} cutoff />}
          {def.meetings && <DatedRows rows={meetings} set={setMeetings} label={t('designerMeetings')} cutoff={false} />}
          {def.criteria && <CriteriaList criteria={def.criteria} />}
          {!rehearsal && (
            <fieldset>
              <legend>{t('calendarPolicy')}</legend>
              <div className="field checkbox">
                <input id="working-days" type="checkbox" checked={workingDays} onChange={(e) => setWorkingDays(e.target.checked)} />
                <label htmlFor="working-days">{t('countWorkingDays')}</label>
              </div>
              <div className="field checkbox">
                <input id="office-hours" type="checkbox" checked={officeHours} onChange={(e) => setOfficeHours(e.target.checked)} />
                <label htmlFor="office-hours">{t('officeHoursOnly')}</label>
              </div>
              <div className="field checkbox">
                <input id="shift-deadlines" type="checkbox" checked={shift} onChange={(e) => setShift(e.target.checked)} />
                <label htmlFor="shift-deadlines">{t('shiftDeadlines')}</label>
              </div>
            </fieldset>
          )}
          <fieldset>
            <legend>{t('chase')}</legend>
            <p className="muted" aria-live="polite">
              {chaseInWords(dayList(offsets), days(interval), days(delay), workingDays && !rehearsal)}
            </p>
            <Field label={t('reminderOffsets')} error={problems.reminderOffsets}>
              {(id, d) => <input id={id} aria-describedby={d} value={offsets} onChange={(e) => setOffsets(e.target.value)} />}
            </Field>
            <Field label={t('overdueReminderInterval')} error={problems.overdueReminderInterval}>
              {(id, d) => <input id={id} aria-describedby={d} value={interval} onChange={(e) => setInterval(e.target.value)} />}
            </Field>
            <Field label={t('escalationDelay')} error={problems.escalationDelay}>
              {(id, d) => <input id={id} aria-describedby={d} value={delay} onChange={(e) => setDelay(e.target.value)} />}
            </Field>
          </fieldset>
          <UnitPicker
            units={directory.data}
            selected={selected}
            onChange={(next) => (setSelected(next), setConfirming(false))}
            suggestion={suggestion}
            error={problems.units}
          />
          <ErrorBox error={error} />
          {confirming ? (
            <LaunchConfirm
              units={[...selected].map((id) => directory.data!.find((u) => u.id === id) ?? { id, name: id })}
              busy={busy}
              onConfirm={() => void launch()}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <button type="submit" className="primary" disabled={busy}>
              {t('launch')}
            </button>
          )}
        </form>
      )}
      {!def && <ErrorBox error={error} />}
    </>
  );
}

/** The chase policy as a sentence: "Nhắc 7, 3 và 1 ngày trước hạn; quá hạn thì nhắc hằng ngày; báo cáo lãnh đạo sau 3 ngày." */
export function chaseInWords(before: readonly number[], every: number, escalateAfter: number, workingDays: boolean): string {
  const unit = workingDays ? 'ngày làm việc' : 'ngày';
  const n = (x: number): string => String(x).replace('.', ',');
  const ok = before.filter((x) => !Number.isNaN(x)).sort((a, b) => b - a);
  const list = ok.length > 1 ? `${ok.slice(0, -1).map(n).join(', ')} và ${n(ok[ok.length - 1])}` : ok.map(n).join('');
  const parts = [
    ok.length ? `Nhắc ${list} ${unit} trước hạn` : 'Không nhắc trước hạn',
    Number.isNaN(every) ? '' : every === 1 ? 'quá hạn thì nhắc hằng ngày' : `quá hạn thì nhắc mỗi ${n(every)} ${unit}`,
    Number.isNaN(escalateAfter) ? '' : `báo cáo lãnh đạo sau ${n(escalateAfter)} ${unit} quá hạn`,
  ].filter(Boolean);
  return `${parts.join('; ')}.`;
}
