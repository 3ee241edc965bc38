/**
 * A calendar feed (RFC 5545) of what an account must not miss: for a unit, each task's deadline and late
 * cut-off with alarms at the very instants the engine reminds it, and its campaigns' review meetings; for
 * the coordinator and admins, every running campaign's deadlines, rounds and meetings. Stable UIDs; SEQUENCE
 * grows when a deadline moves. Built with ical-generator; times in Asia/Ho_Chi_Minh (luxon).
 */
import ical, { ICalAlarmType, type ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import {
  formatDateTime,
  MILESTONE_LABELS,
  taskLabel,
  TERMINAL_PHASES,
  type CampaignDefinition,
  type TaskState,
  type UnitState,
} from '@thidua/contracts';
import { reminderInstants } from '@thidua/domain';

const TZ = 'Asia/Ho_Chi_Minh';
const DOMAIN = 'thi-dua.gov.vn';
/** How long a deadline's event lasts, ending at the deadline. */
const DEADLINE_EVENT_MS = 30 * 60_000;
const MEETING_MS = 2 * 3_600_000;

// Vietnam keeps one offset all year: a single STANDARD rule is its whole VTIMEZONE.
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZ}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:ICT',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const local = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: TZ });

/** The calendar's text, every content line ending in CRLF as RFC 5545 (§3.1) asks, the last one included. */
function text(cal: ICalCalendar): string {
  const out = cal.toString();
  return out.endsWith('\r\n') ? out : `${out}\r\n`;
}

function calendar(name: string): ICalCalendar {
  return ical({
    name,
    prodId: { company: 'thi-dua', product: 'lich-thi-dua', language: 'VI' },
    timezone: { name: TZ, generator: () => VTIMEZONE },
  });
}

function deadline(
  cal: ICalCalendar,
  e: { uid: string; at: string; summary: string; description: string; sequence: number; alarms?: number[] },
): void {
  const end = Date.parse(e.at);
  const start = end - DEADLINE_EVENT_MS;
  const event = cal.createEvent({
    id: `${e.uid}@${DOMAIN}`,
    start: local(start),
    end: local(end),
    summary: e.summary,
    description: e.description,
    timezone: TZ,
    sequence: e.sequence,
  });
  // Relative to the event's start (an absolute TRIGGER must be UTC, which the library does not write): the same instants.
  for (const at of e.alarms ?? []) {
    const seconds = Math.floor(start / 1000) - Math.floor(at / 1000); // iCalendar times are whole seconds
    event.createAlarm({
      type: ICalAlarmType.display,
      ...(seconds >= 0 ? { triggerBefore: seconds } : { triggerAfter: -seconds }),
      description: e.summary,
    });
  }
}

function meeting(cal: ICalCalendar, uid: string, at: string, summary: string, sequence: number): void {
  const start = Date.parse(at);
  cal.createEvent({ id: `${uid}@${DOMAIN}`, start: local(start), end: local(start + MEETING_MS), summary, timezone: TZ, sequence });
}

/** A unit's feed: its open tasks' deadlines and cut-offs in every campaign it is in, and the meetings. */
export function unitFeed(unitName: string, states: readonly UnitState[]): string {
  const cal = calendar(`Thi đua – ${unitName}`);
  for (const s of states) {
    if (TERMINAL_PHASES.includes(s.phase)) continue;
    const tz = s.campaign.timezone;
    const base = `${s.campaign.campaignId}.${s.unit.id}`;
    for (const task of Object.values(s.tasks).filter((t): t is TaskState => t !== undefined)) {
      if (task.status !== 'open' && task.status !== 'returned' && task.status !== 'pending') continue;
      const what = taskLabel(task.kind, s.reports)[0];
      const cutoff = task.cutoffAt ? ` Hạn chót nhận muộn: ${formatDateTime(task.cutoffAt, tz)}.` : '';
      deadline(cal, {
        uid: `${base}.${task.kind}`,
        at: task.dueAt,
        summary: `Hạn ${what} – ${s.campaign.title}`,
        description: `${s.unit.name}: hạn ${what} của "${s.campaign.title}" là ${formatDateTime(task.dueAt, tz)}.${cutoff} Theo dõi: ${s.campaign.coordinator}.`,
        sequence: task.moves ?? 0,
        alarms: reminderInstants(s, task),
      });
      if (task.cutoffAt) {
        deadline(cal, {
          uid: `${base}.${task.kind}.cutoff`,
          at: task.cutoffAt,
          summary: `Hạn chót nhận muộn ${what} – ${s.campaign.title}`,
          description: `Sau ${formatDateTime(task.cutoffAt, tz)}, ${what} không còn được nhận và đơn vị bị ghi nhận không hoàn thành.`,
          sequence: task.moves ?? 0,
        });
      }
    }
    for (const m of s.meetings ?? []) meeting(cal, `${s.campaign.campaignId}.meeting.${m.id}`, m.at, `${m.title} – ${s.campaign.title}`, 0);
  }
  return text(cal);
}

const STAFF_MILESTONES = [
  'registrationDue',
  'registrationCutoffAt',
  'interimReportDue',
  'interimReportCutoffAt',
  'interimReviewAt',
  'campaignEndsAt',
  'finalReportDue',
  'finalReportCutoffAt',
] as const;

/** The coordinator's or an admin's feed: every running campaign's milestones, rounds and meetings. */
export function staffFeed(campaigns: ReadonlyArray<{ id: string; version: number; definition: CampaignDefinition }>): string {
  const cal = calendar('Thi đua – các đợt đang diễn ra');
  for (const c of campaigns) {
    const d = c.definition;
    for (const k of STAFF_MILESTONES) {
      const at = d.milestones[k];
      if (!at) continue;
      deadline(cal, {
        uid: `${c.id}.${k}`,
        at,
        summary: `${MILESTONE_LABELS[k][0]} – ${d.title}`,
        description: `${MILESTONE_LABELS[k][0]} của "${d.title}": ${formatDateTime(at, d.timezone)}.`,
        sequence: c.version,
      });
    }
    for (const r of d.reports ?? []) {
      deadline(cal, {
        uid: `${c.id}.round.${r.id}`,
        at: r.due,
        summary: `Hạn ${r.title} – ${d.title}`,
        description: `Hạn ${r.title}: ${formatDateTime(r.due, d.timezone)}.`,
        sequence: c.version,
      });
    }
    for (const m of d.meetings ?? []) meeting(cal, `${c.id}.meeting.${m.id}`, m.at, `${m.title} – ${d.title}`, c.version);
  }
  return text(cal);
}
