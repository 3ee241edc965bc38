import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatDate, INBOX, type DigestActivities } from '@thidua/contracts';
import {
  digestCounts,
  type DigestCounts,
  countStoredNotifications,
  insertNotifications,
  type NotificationDraft,
} from '@thidua/persistence';

/** Builds the coordinator's daily digest from the read models. */
@Injectable()
export class DigestActivitiesService implements DigestActivities {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async sendDailyDigest(input: { date: string }): Promise<{ campaigns: number; created: number }> {
    const rows = await digestCounts(this.dataSource);
    let created = 0;
    await this.dataSource.transaction(async (m) => {
      for (const r of rows) {
        const drafts = digestDrafts(r, input.date);
        const before = await countStoredNotifications(
          m,
          drafts.map((d) => d.id),
        );
        await insertNotifications(m, r.id, null, drafts);
        created += drafts.length - before;
      }
    });
    return { campaigns: rows.length, created };
  }
}

function digestDrafts(r: DigestCounts, date: string): NotificationDraft[] {
  const day = formatDate(`${date}T12:00:00Z`, 'UTC');
  const names = r.overdueNames.length
    ? `\nĐơn vị quá hạn: ${r.overdueNames.join('; ')}${r.overdue > r.overdueNames.length ? '; ...' : ''}.`
    : '';
  const subject = `Tổng hợp ngày ${day}: ${r.definition.title}`;
  const body =
    `Tình hình đợt thi đua "${r.definition.title}" ngày ${day}: ${r.total} đơn vị tham gia; ` +
    `${r.overdue} đơn vị quá hạn; ${r.escalated} đơn vị đã bị báo cáo (trong đó ${r.level2} đã báo cáo ${r.definition.issuer}); ` +
    `${r.returned} đăng ký bị trả lại chờ gửi lại.${names}`;
  const eventId = `digest:${date}:${r.id}`;
  const inbox: NotificationDraft = {
    id: `${eventId}:coordinator:inbox`,
    eventId,
    recipient: INBOX.coordinator,
    channel: 'inbox',
    kind: 'digest',
    subject,
    body,
  };
  const email = r.definition.coordinatorEmail;
  return email ? [inbox, { ...inbox, id: `${eventId}:coordinator:email`, channel: 'email', address: email }] : [inbox];
}
