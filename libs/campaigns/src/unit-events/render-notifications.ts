/** Turns reminder and escalation events into Vietnamese notifications for each recipient. Pure. */
import {
  formatDateTime,
  formatDelay,
  inPlanTime,
  INBOX,
  inSentence,
  RATING_LABELS,
  taskLabel,
  type UnitEvent,
  type UnitState,
} from '@thidua/contracts';
import { daysLate } from '@thidua/calendar';
import { eventId as storedEventId, streams, notificationDrafts, type NotificationDraft } from '@thidua/persistence';

interface Target {
  recipient: string;
  email?: string;
}

function drafts(
  event: UnitEvent,
  state: UnitState,
  targets: Target[],
  kind: NotificationDraft['kind'],
  subject: string,
  body: string,
): NotificationDraft[] {
  const eventId = storedEventId(streams.unit(state.campaign.campaignId, state.unit.id).stream, event.seq);
  return targets.flatMap((t) => notificationDrafts(eventId, t.recipient, t.email, kind, subject, body));
}

/** How late, in words: "3 ngày làm việc" in a campaign counting working days, else the delay ("2 ngày 5 giờ"). */
function lateness(dueAt: string, at: string, state: UnitState): string {
  const late = daysLate(dueAt, at, state);
  return late.working && late.days > 0
    ? `${late.days} ngày làm việc`
    : formatDelay(inPlanTime(Date.parse(at) - Date.parse(dueAt), state.dayLength));
}

/** The notifications an event causes (none for most events). `state` is the unit's state after the event. */
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
        : `Kính gửi ${unit.name}: hạn ${task} của "${campaign}" là ${due} (còn ${formatDelay(inPlanTime(-late, state.dayLength))}). Đề nghị đơn vị gửi đúng hạn.`;
    return drafts(
      event,
      state,
      [{ recipient: INBOX.unit(unit.id), email: unit.contactEmail ?? unit.headEmail }],
      'reminder',
      subject,
      body,
    );
  }
  if (event.type === 'UnitEscalated') {
    const task = inSentence(taskLabel(event.data.task, state.reports));
    const due = formatDateTime(event.data.dueAt, tz);
    const late = lateness(event.data.dueAt, event.at, state);
    if (event.data.level === 1) {
      const subject = `[Quá hạn] ${unit.name} chưa gửi ${task}`;
      const body = `${unit.name} chưa gửi ${task} của "${campaign}" (hạn ${due}, quá hạn ${late}). Đề nghị thủ trưởng đơn vị chỉ đạo hoàn thành ngay; ${state.campaign.coordinator} theo dõi, đôn đốc.`;
      return drafts(
        event,
        state,
        [
          { recipient: INBOX.unit(unit.id), email: unit.headEmail },
          { recipient: INBOX.coordinator, email: state.campaign.coordinatorEmail },
        ],
        'escalation',
        subject,
        body,
      );
    }
    const subject = `[Báo cáo cấp trên] ${unit.name} vẫn chưa gửi ${task}`;
    const body = `Kính báo cáo ${state.campaign.issuer}: ${unit.name} vẫn chưa gửi ${task} của "${campaign}" (hạn ${due}, quá hạn ${late}) dù đã được nhắc nhở và báo cáo ${state.campaign.coordinator}.`;
    return drafts(event, state, [{ recipient: INBOX.issuer, email: state.campaign.issuerEmail }], 'escalation', subject, body);
  }
  return changeNotifications(event, state);
}

/** What a unit must know of a decision about it or a change of its deadlines: its inbox and its contact's e-mail. */
function changeNotifications(event: UnitEvent, state: UnitState): NotificationDraft[] {
  const unit = state.unit;
  const campaign = state.campaign.title;
  const tz = state.campaign.timezone;
  const to = [{ recipient: INBOX.unit(unit.id), email: unit.contactEmail ?? unit.headEmail }];
  switch (event.type) {
    case 'RegistrationReturned':
      return drafts(
        event,
        state,
        to,
        'update',
        `Đăng ký thi đua được trả lại: ${unit.name}`,
        `Kính gửi ${unit.name}: bản đăng ký thi đua "${campaign}" được trả lại để bổ sung, chỉnh sửa. Lý do: ${event.data.reason} Hạn gửi lại: ${formatDateTime(state.tasks.registration?.dueAt ?? state.milestones.registrationDue, tz)}.`,
      );
    case 'RegistrationApproved':
      return drafts(
        event,
        state,
        to,
        'update',
        `Đăng ký thi đua đã được duyệt: ${unit.name}`,
        `Kính gửi ${unit.name}: bản đăng ký thi đua "${campaign}" đã được duyệt.${event.data.note ? ` Ghi chú: ${event.data.note}` : ''}`,
      );
    case 'ReviewRecorded': {
      const stage = event.data.stage === 'final' ? 'tổng kết' : 'sơ kết';
      return drafts(
        event,
        state,
        to,
        'update',
        `Kết quả đánh giá ${stage}: ${unit.name}`,
        `Kính gửi ${unit.name}: kết quả đánh giá ${stage} "${campaign}": ${RATING_LABELS[event.data.rating][0]}.${event.data.commendation ? ` Đề nghị khen thưởng: ${event.data.commendation}.` : ''}${event.data.note ? ` Nhận xét: ${event.data.note}` : ''}`,
      );
    }
    case 'MilestoneMoved': {
      const open = Object.values(state.tasks).filter(
        (t) => t && (t.status === 'open' || t.status === 'pending' || t.status === 'returned'),
      );
      if (open.length === 0) return [];
      const lines = open.map((t) => `${taskLabel(t!.kind, state.reports)[0]}: ${formatDateTime(t!.dueAt, tz)}`).join('; ');
      return drafts(
        event,
        state,
        to,
        'update',
        `Thay đổi thời hạn: ${campaign}`,
        `Kính gửi ${unit.name}: thời hạn của "${campaign}" đã thay đổi. Hạn mới: ${lines}.`,
      );
    }
    default:
      return [];
  }
}
