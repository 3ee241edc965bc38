/** The caller's own tasks and inbox. */
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { formatDuration, type GrantView, type Inbox, type QueueItem, type Task } from '@thidua/contracts';
import { AccountsService } from '../accounts/accounts.service';
import { OrgDirectory } from '../organisations/org-directory';

const DAY_MS = 86_400_000;
import { markInboxRead, readInbox, openWorkOf, awaitingDecision, findAccountByUsername } from '@thidua/persistence';
import { Caller, readerOf, type Principal } from '../auth/principal';
import { notFound } from '../common/http-errors';
import { NotificationsQueryDto } from '../common/queries.dto';
import { CampaignReadsService } from '../campaigns/campaign-reads.service';
import { InboxDto, TaskDto } from '../campaigns/responses.dto';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly reads: CampaignReadsService,
    private readonly orgs: OrgDirectory,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Tài khoản đang đăng nhập: tên, vai trò và nơi đang làm việc (tổ chức, đơn vị), và mọi vai trò có thể chuyển sang (POST /api/auth/switch)',
  })
  async me(@Caller() caller: Principal): Promise<{
    username: string;
    role: string;
    displayName: string | null;
    unitId: string | null;
    unitName: string | null;
    orgId: string;
    orgName: string;
    grants: GrantView[];
  }> {
    const account = await findAccountByUsername(this.ds, caller.username);
    const grants = await this.accounts.grantViews(this.orgs.grantsOf(caller.accountId));
    const acting = grants.find((g) => g.orgId === caller.orgId && g.role === caller.role);
    return {
      username: caller.username,
      role: caller.role,
      displayName: account?.display_name ?? null,
      unitId: caller.unitId ?? null,
      unitName: acting?.unitName ?? null,
      orgId: caller.orgId,
      orgName: this.orgs.tree.nameOf(caller.orgId),
      grants,
    };
  }

  @Get('queue')
  @ApiOperation({
    summary: 'Việc chờ cán bộ theo dõi xử lý trên mọi đợt đang chạy: đăng ký chờ duyệt, báo cáo cuối đợt chờ đánh giá; chờ lâu nhất trước',
  })
  async queue(@Caller() caller: Principal): Promise<QueueItem[]> {
    if (caller.role === 'unit') return [];
    // The work of the organisation the caller acts in (the campaigns below are theirs to check).
    const rows = await awaitingDecision(this.ds, caller.orgId);
    return rows
      .map(({ campaignTitle, state }): QueueItem => {
        const registration = state.phase === 'registration-submitted';
        const sent = registration ? state.submissions.registration : state.submissions['final-report'];
        return {
          campaignId: state.campaign.campaignId,
          campaignTitle,
          unitId: state.unit.id,
          unitName: state.unit.name,
          kind: registration ? 'registration' : 'final-review',
          submittedAt: sent?.at ?? state.updatedAt,
          late: sent?.late ?? false,
        };
      })
      .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
  }

  @Get('tasks')
  @ApiOkResponse({ type: [TaskDto] })
  @ApiOperation({ summary: 'Việc cần làm của đơn vị trên mọi đợt thi đua (quá hạn trước, rồi theo hạn)' })
  async tasks(@Caller() caller: Principal): Promise<Task[]> {
    if (caller.role !== 'unit' || !caller.unitId) return [];
    const unitId = caller.unitId;
    const { states, nominations: stages } = await openWorkOf(this.ds, unitId);
    const tasks = this.reads.tasksOf(states);
    const now = Date.now();
    const nominating = stages.map((s): Task => {
      const task = s.units.find((u) => u.unitId === unitId)!.task!;
      return {
        campaignId: s.campaignId,
        campaignTitle: s.campaignTitle,
        unitId,
        kind: 'commendation',
        title: 'Đề nghị khen thưởng cá nhân',
        dueAt: task.dueAt,
        cutoffAt: null,
        overdue: Date.parse(task.dueAt) < now,
        ...(task.status === 'returned' && task.returnedReason ? { returnedReason: task.returnedReason } : {}),
        timezone: s.timezone,
        dayLength: s.dayMs === DAY_MS ? null : formatDuration(s.dayMs),
      };
    });
    // Overdue first, then by deadline (as the unit's own tasks are ordered).
    return [...tasks, ...nominating].sort((a, b) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  @Get('notifications')
  @ApiOkResponse({ type: InboxDto })
  @ApiOperation({ summary: 'Hộp thư thông báo (nhắc việc, báo cáo lãnh đạo), mới nhất trước' })
  notifications(@Caller() caller: Principal, @Query() { unread, limit = 50, before }: NotificationsQueryDto): Promise<Inbox> {
    return readInbox(this.ds.manager, readerOf(caller), { unreadOnly: unread === true, before, limit });
  }

  @Post('notifications/:nid/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu đã đọc' })
  async read(@Param('nid') nid: string, @Caller() caller: Principal): Promise<{ id: string; readAt: string }> {
    const read = await markInboxRead(this.ds.manager, nid, readerOf(caller));
    if (!read) throw notFound('Không tìm thấy thông báo');
    return read;
  }
}
