/** Vietnamese notifications of the commendation stage's events, for each recipient. Pure. */
import {
  formatDateTime,
  formOf,
  INBOX,
  nomineeName,
  type CommendationEvent,
  type CommendationState,
  type CommendationUnit,
} from '@thidua/contracts';
import { eventId as storedEventId, streams, notificationDrafts, type NotificationDraft } from '@thidua/persistence';

/** Notifications of one event; `state` is the stage after it. */
export function renderCommendationNotifications(event: CommendationEvent, state: CommendationState): NotificationDraft[] {
  const eventId = storedEventId(streams.commendation(state.campaignId).stream, event.seq);
  const tz = state.timezone;
  const campaign = state.campaignTitle;
  const unitOf = (unitId: string): CommendationUnit | undefined => state.units.find((u) => u.unitId === unitId);
  const to = (recipient: string, kind: NotificationDraft['kind'], subject: string, body: string, email?: string): NotificationDraft[] =>
    notificationDrafts(eventId, recipient, email, kind, subject, body);
  const toUnit = (unitId: string, kind: NotificationDraft['kind'], subject: string, body: string): NotificationDraft[] =>
    to(INBOX.unit(unitId), kind, subject, body, unitOf(unitId)?.email);
  switch (event.type) {
    case 'CommendationOpened': {
      const due = formatDateTime(state.setup.nominationsDue, tz);
      return state.units
        .filter((u) => u.task)
        .flatMap((u) =>
          toUnit(
            u.unitId,
            'reminder',
            `Đề nghị khen thưởng cá nhân: ${campaign}`,
            `Kính gửi ${u.name}: đợt thi đua "${campaign}" bước vào bình xét, khen thưởng. Đề nghị đơn vị gửi danh sách cá nhân đề nghị khen thưởng (họ tên, chức vụ, tóm tắt thành tích, sáng kiến) trước ${due}; không có cá nhân đề nghị thì gửi danh sách trống.`,
          ),
        );
    }
    case 'NominationReminderSent': {
      const u = unitOf(event.data.unitId)!;
      const due = formatDateTime(event.data.dueAt, tz);
      return toUnit(
        u.unitId,
        'reminder',
        `Nhắc nhở đề nghị khen thưởng cá nhân: ${u.name}`,
        `Kính gửi ${u.name}: hạn gửi danh sách cá nhân đề nghị khen thưởng của "${campaign}" là ${due}. Đề nghị đơn vị gửi đúng hạn.`,
      );
    }
    case 'NominationsEscalated': {
      const u = unitOf(event.data.unitId)!;
      const due = formatDateTime(event.data.dueAt, tz);
      const subject = `[Quá hạn] ${u.name} chưa gửi danh sách đề nghị khen thưởng cá nhân`;
      const body = `${u.name} chưa gửi danh sách cá nhân đề nghị khen thưởng của "${campaign}" (hạn ${due}).`;
      if (event.data.level === 1)
        return [
          ...toUnit(u.unitId, 'escalation', subject, `${body} Đề nghị thủ trưởng đơn vị chỉ đạo hoàn thành ngay.`),
          ...to(INBOX.coordinator, 'escalation', subject, `${body} ${state.coordinator} theo dõi, đôn đốc.`),
        ];
      return to(INBOX.issuer, 'escalation', subject, `${body} Đã nhắc thủ trưởng đơn vị; đề nghị lãnh đạo chỉ đạo.`);
    }
    case 'NominationsReturned': {
      const u = unitOf(event.data.unitId)!;
      return toUnit(
        u.unitId,
        'reminder',
        `Đề nghị bổ sung, chỉnh sửa hồ sơ khen thưởng: ${u.name}`,
        `Kính gửi ${u.name}: hồ sơ đề nghị khen thưởng cá nhân của đơn vị cần bổ sung, chỉnh sửa: ${event.data.reason} Hạn gửi lại: ${formatDateTime(event.data.dueAt, tz)}.`,
      );
    }
    case 'ListPosted': {
      const until = formatDateTime(event.data.endsAt, tz);
      const days = `${event.data.days} ngày${event.data.workingDays ? ' làm việc' : ''}`;
      return state.units.flatMap((u) =>
        toUnit(
          u.unitId,
          'reminder',
          `Công khai danh sách đề nghị khen thưởng: ${campaign}`,
          `Danh sách ${event.data.listed.length} tập thể, cá nhân đề nghị khen thưởng của "${campaign}" được công khai trong ${days}, đến ${until}. Đơn vị có ý kiến gửi trên hệ thống trước thời hạn này.`,
        ),
      );
    }
    case 'ObjectionRaised': {
      const o = event.data.objection;
      const nominee = state.nominees.find((n) => n.id === o.nomineeId)!;
      return to(
        INBOX.coordinator,
        'escalation',
        `Ý kiến về danh sách khen thưởng: ${nomineeName(nominee)}`,
        `${unitOf(o.unitId)?.name ?? o.unitId} có ý kiến về đề nghị khen thưởng "${nomineeName(nominee)}" (${formOf(state, nominee.formId)?.title}): ${o.reason} Đề nghị xem xét, xử lý trước khi trình ban hành quyết định.`,
      );
    }
    case 'ObjectionResolved': {
      const o = state.objections.find((x) => x.id === event.data.objectionId)!;
      const outcome = event.data.outcome === 'upheld' ? 'ý kiến được chấp nhận, đề nghị được đưa ra khỏi danh sách' : 'giữ nguyên đề nghị';
      return toUnit(
        o.unitId,
        'reminder',
        `Kết quả xử lý ý kiến về danh sách khen thưởng`,
        `Ý kiến của đơn vị về danh sách khen thưởng "${campaign}" đã được xử lý: ${outcome}. ${event.data.resolution}`,
      );
    }
    case 'DecisionIssued': {
      const d = state.decision!;
      const awarded = new Set(d.awarded.map((id) => state.nominees.find((n) => n.id === id)?.unitId));
      return state.units
        .filter((u) => awarded.has(u.unitId))
        .flatMap((u) =>
          toUnit(
            u.unitId,
            'reminder',
            `Quyết định khen thưởng số ${d.numberText}`,
            `${state.setup.issuer.name} đã ban hành Quyết định số ${d.numberText} ngày ${formatDateTime(d.issuedAt, tz).slice(0, 10)} khen thưởng các tập thể, cá nhân có thành tích trong "${campaign}"; đơn vị có tập thể, cá nhân được khen thưởng.`,
          ),
        );
    }
    default:
      return [];
  }
}
