/** Turns reminder and escalation events into Vietnamese notifications for each recipient. Pure. */
import {
  formatDateTime,
  formatDelay,
  INBOX,
  inSentence,
  taskLabel,
  type UnitEvent,
  type UnitState,
} from '../../../../libs/contracts/src/campaign';
import { daysLate } from '../../../../libs/calendar/src/lateness';
import { eventId as storedEventId, streams } from '../../../../libs/persistence/src/event-store';
import type { NotificationDraft } from '../../../../libs/persistence/src/notifications';


interface Target {
  recipient: string;
  email?: string;
}

function drafts(event: UnitEvent, state: UnitState, targets: Target[], kind: NotificationDraft['kind'], subject: string, body: string): NotificationDraft[] {
  const eventId = storedEventId(streams.unit(state.campaign.campaignId, state.unit.id).stream, event.seq);
  return targets.flatMap((t) => {
    const inbox: NotificationDraft = { id: `${eventId}:${t.recipient}:inbox`, eventId, recipient: t.recipient, channel: 'inbox', kind, subject, body };
    if (!t.email) return [inbox];
    return [inbox, { ...inbox, id: `${eventId}:${t.recipient}:email`, channel: 'email', address: t.email }];
  });
}

/** The notifications an event causes (none for most events). `state` is the unit's state after the event. */
/** How late, in words: "3 ngày làm việc" in a campaign counting working days, else the delay ("2 ngày 5 giờ"). */
function lateness(dueAt: string, at: string, state: UnitState): string {
  const late = daysLate(dueAt, at, state.calendar);
  return late.working && late.days > 0 ? `${late.days} ngày làm việc` : formatDelay(Date.parse(at) - Date.parse(dueAt));
}

export function renderNotifications(event: UnitEvent, state: UnitState): NotificationDraft[] {
  const tz = state.campaign.timezone;
  const unit = state.unit;
  const campaign = state.campaign.title;
  if (event.type === 'ReminderSent') {
    const task = inSentence(taskLabel(event.data.task, state.reports));
    const due = formatDateTime(event.data.dueAt, tz);
    const late = Date.parse(event.at) - Date.parse(event.data.dueAt);
    const cutoff = event.data.cutoffAt ? ` Hạn chót nhận muộn: ${formatDateTime(event.data.cutoffAt, tz)}.` : '';
    const subject = event.data.kind === 'overdue' ? `[Quá hạn] Nhắc nhở ${task}: ${unit.name}` : `Nhắc nhở ${task}: ${unit.name}`;
    const body =
      event.data.kind === 'overdue'
        ? `Kính gửi ${unit.name}: đơn vị chưa gửi ${task} của "${campaign}". Hạn là ${due}, đã quá hạn ${lateness(event.data.dueAt, event.at, state)}.${cutoff} Đề nghị đơn vị khẩn trương hoàn thành.`
        : `Kính gửi ${unit.name}: hạn ${task} của "${campaign}" là ${due} (còn ${formatDelay(-late)}). Đề nghị đơn vị gửi đúng hạn.`;
    return drafts(event, state, [{ recipient: INBOX.unit(unit.id), email: unit.contactEmail ?? unit.headEmail }], 'reminder', subject, body);
  }
  if (event.type === 'UnitEscalated') {
    const task = inSentence(taskLabel(event.data.task, state.reports));
    const due = formatDateTime(event.data.dueAt, tz);
    const late = lateness(event.data.dueAt, event.at, state);
    if (event.data.level === 1) {
      const subject = `[Quá hạn] ${unit.name} chưa gửi ${task}`;
      const body = `${unit.name} chưa gửi ${task} của "${campaign}" (hạn ${due}, quá hạn ${late}). Đề nghị thủ trưởng đơn vị chỉ đạo hoàn thành ngay; ${state.campaign.coordinator} theo dõi, đôn đốc.`;
      return drafts(event, state, [
        { recipient: INBOX.unit(unit.id), email: unit.headEmail },
        { recipient: INBOX.coordinator, email: state.campaign.coordinatorEmail },
      ], 'escalation', subject, body);
    }
    const subject = `[Báo cáo cấp trên] ${unit.name} vẫn chưa gửi ${task}`;
    const body = `Kính báo cáo ${state.campaign.issuer}: ${unit.name} vẫn chưa gửi ${task} của "${campaign}" (hạn ${due}, quá hạn ${late}) dù đã được nhắc nhở và báo cáo ${state.campaign.coordinator}.`;
    return drafts(event, state, [{ recipient: INBOX.issuer, email: state.campaign.issuerEmail }], 'escalation', subject, body);
  }
  return [];
}
