import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatDate, INBOX, type CampaignDefinition, type DigestActivities } from '../../../../libs/contracts/src/campaign';
import { insertNotifications, type NotificationDraft } from '../../../../libs/persistence/src/notifications';

interface CampaignCounts {
  id: string;
  definition: CampaignDefinition;
  total: string;
  overdue: string;
  escalated: string;
  level2: string;
  returned: string;
  overdue_names: string[] | null;
}

/** Builds the coordinator's daily digest from the read models. */
@Injectable()
export class DigestActivitiesService implements DigestActivities {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async sendDailyDigest(input: { date: string }): Promise<{ campaigns: number; created: number }> {
    const rows: CampaignCounts[] = await this.dataSource.query(
      `SELECT c.id, c.definition,
              count(s.unit_id) AS total,
              count(*) FILTER (WHERE s.overdue) AS overdue,
              count(*) FILTER (WHERE s.escalation_level >= 1) AS escalated,
              count(*) FILTER (WHERE s.escalation_level = 2) AS level2,
              count(*) FILTER (WHERE s.phase = 'registration-returned') AS returned,
              (array_agg(s.unit_name ORDER BY s.unit_name) FILTER (WHERE s.overdue))[1:20] AS overdue_names
       FROM campaigns c LEFT JOIN unit_status s ON s.campaign_id = c.id
       WHERE c.status IN ('launching', 'running')
       GROUP BY c.id, c.definition ORDER BY c.id`,
    );
    let created = 0;
    await this.dataSource.transaction(async (m) => {
      for (const r of rows) {
        const drafts = digestDrafts(r, input.date);
        const before: Array<{ n: string }> = await m.query('SELECT count(*) AS n FROM notifications WHERE id = ANY($1)', [drafts.map((d) => d.id)]);
        await insertNotifications(m, r.id, null, drafts);
        created += drafts.length - Number(before[0]?.n ?? 0);
      }
    });
    return { campaigns: rows.length, created };
  }
}

function digestDrafts(r: CampaignCounts, date: string): NotificationDraft[] {
  const day = formatDate(`${date}T12:00:00Z`, 'UTC');
  const names = r.overdue_names?.length ? `\nĐơn vị quá hạn: ${r.overdue_names.join('; ')}${Number(r.overdue) > r.overdue_names.length ? '; ...' : ''}.` : '';
  const subject = `Tổng hợp ngày ${day}: ${r.definition.title}`;
  const body =
    `Tình hình đợt thi đua "${r.definition.title}" ngày ${day}: ${r.total} đơn vị tham gia; ` +
    `${r.overdue} đơn vị quá hạn; ${r.escalated} đơn vị đã bị báo cáo (trong đó ${r.level2} đã báo cáo ${r.definition.issuer}); ` +
    `${r.returned} đăng ký bị trả lại chờ gửi lại.${names}`;
  const eventId = `digest:${date}:${r.id}`;
  const inbox: NotificationDraft = { id: `${eventId}:coordinator:inbox`, eventId, recipient: INBOX.coordinator, channel: 'inbox', kind: 'digest', subject, body };
  const email = r.definition.coordinatorEmail;
  return email ? [inbox, { ...inbox, id: `${eventId}:coordinator:email`, channel: 'email', address: email }] : [inbox];
}
