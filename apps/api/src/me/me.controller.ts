/** The caller's own tasks and inbox. */
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { TERMINAL_PHASES, type UnitState } from '../../../../libs/contracts/src/campaign';
import { Caller, type Principal } from '../auth/principal';
import { notFound } from '../common/http-errors';
import { NotificationsQueryDto } from '../common/queries.dto';
import { currentTask } from '../campaigns/campaign-reads.service';
import { InboxDto, TaskDto } from '../campaigns/responses.dto';

/** Inbox recipients of an account: its unit, or the role inboxes it reads. */
export function recipientsOf(p: Principal): string[] {
  if (p.role === 'unit') return [`unit:${p.unitId}`];
  if (p.role === 'coordinator') return ['role:coordinator'];
  return ['role:issuer', 'role:coordinator'];
}

/** One open task of the caller. */
export interface Task {
  readonly campaignId: string;
  readonly campaignTitle: string;
  readonly unitId: string;
  readonly kind: 'registration' | 'interim-report' | 'final-report';
  readonly dueAt: string;
  readonly cutoffAt: string | null;
  readonly overdue: boolean;
  readonly returnedReason?: string;
  readonly timezone: string;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  @Get('tasks')
  @ApiOkResponse({ type: [TaskDto] })
  @ApiOperation({ summary: 'Việc cần làm của đơn vị trên mọi đợt thi đua (quá hạn trước, rồi theo hạn)' })
  async tasks(@Caller() caller: Principal): Promise<Task[]> {
    if (caller.role !== 'unit') return [];
    const rows: Array<{ state: UnitState }> = await this.ds.query(
      'SELECT state FROM unit_status WHERE unit_id = $1 AND NOT (phase = ANY($2))',
      [caller.unitId, TERMINAL_PHASES],
    );
    const tasks: Task[] = [];
    for (const { state } of rows) {
      const t = currentTask(state);
      if (!t) continue;
      tasks.push({
        campaignId: state.campaign.campaignId,
        campaignTitle: state.campaign.title,
        unitId: state.unit.id,
        kind: t.kind,
        dueAt: t.dueAt,
        cutoffAt: t.cutoffAt ?? null,
        overdue: t.missed,
        ...(t.returnedReason ? { returnedReason: t.returnedReason } : {}),
        timezone: state.campaign.timezone,
      });
    }
    return tasks.sort((a, b) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  @Get('notifications')
  @ApiOkResponse({ type: InboxDto })
  @ApiOperation({ summary: 'Hộp thư thông báo (nhắc việc, báo cáo lãnh đạo), mới nhất trước' })
  async notifications(@Caller() caller: Principal, @Query() { unread, limit = 50, before }: NotificationsQueryDto) {
    const recipients = recipientsOf(caller);
    const rows: Array<{ id: string; campaign_id: string | null; unit_id: string | null; kind: string; subject: string; body: string; created_at: Date; read_at: Date | null }> =
      await this.ds.query(
        `SELECT id, campaign_id, unit_id, kind, subject, body, created_at, read_at FROM notifications
         WHERE channel = 'inbox' AND recipient = ANY($1) AND ($2::boolean IS NOT TRUE OR read_at IS NULL) AND ($3::timestamptz IS NULL OR created_at < $3)
         ORDER BY created_at DESC, id DESC LIMIT $4`,
        [recipients, unread === true, before ?? null, limit],
      );
    const count: Array<{ n: string }> = await this.ds.query(
      "SELECT count(*) AS n FROM notifications WHERE channel = 'inbox' AND recipient = ANY($1) AND read_at IS NULL",
      [recipients],
    );
    return {
      unread: Number(count[0].n),
      items: rows.map((r) => ({
        id: r.id,
        campaignId: r.campaign_id,
        unitId: r.unit_id,
        kind: r.kind,
        subject: r.subject,
        body: r.body,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
      })),
    };
  }

  @Post('notifications/:nid/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu đã đọc' })
  async read(@Param('nid') nid: string, @Caller() caller: Principal): Promise<{ id: string; readAt: string }> {
    const rows: Array<{ id: string; read_at: Date }> = await this.ds.query(
      `WITH u AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND channel = 'inbox' AND recipient = ANY($2) RETURNING id, read_at)
       SELECT * FROM u`,
      [nid, recipientsOf(caller)],
    );
    if (!rows[0]) throw notFound('Không tìm thấy thông báo');
    return { id: rows[0].id, readAt: rows[0].read_at.toISOString() };
  }
}
