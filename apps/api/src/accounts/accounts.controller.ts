import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { notFound } from '../common/http-errors';
import { InvalidInputException } from '../common/validation';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { AccountDto, CouncilCandidateDto, CreateAccountDto, ResetPasswordDto, SetRolesDto, UpdateAccountDto } from './accounts.dto';
import { Owned } from '../auth/scope.guard';
import type { AccountView, CouncilCandidate } from '@thidua/contracts';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Roles('admin')
@Owned('Account', 'accountId')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Tạo tài khoản với một vai trò, ở tổ chức đang làm việc hoặc một tổ chức cấp dưới (orgId); quản trị',
  })
  @ApiCreatedResponse({ type: AccountDto })
  create(@Body() body: CreateAccountDto, @Caller() caller: Principal): Promise<AccountView> {
    return this.accounts.create(body, caller, actorOf(caller));
  }

  @Get()
  @ApiOperation({ summary: 'Tài khoản của tổ chức đang làm việc và các tổ chức cấp dưới (không có mật khẩu)' })
  @ApiOkResponse({ type: [AccountDto] })
  list(@Caller() caller: Principal): Promise<AccountView[]> {
    return this.accounts.list(caller);
  }

  @Get('council-candidates')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'Những người có thể ngồi Hội đồng thi đua – khen thưởng: các tài khoản cán bộ đang hoạt động, theo họ tên' })
  @ApiOkResponse({ type: [CouncilCandidateDto] })
  councilCandidates(@Caller() caller: Principal): Promise<CouncilCandidate[]> {
    return this.accounts.councilCandidates(caller);
  }

  @Patch(':accountId')
  @ApiOperation({ summary: 'Sửa tên hiển thị, khóa hoặc mở khóa tài khoản (tài khoản bị khóa không đăng nhập được)' })
  @ApiOkResponse({ type: AccountDto })
  update(
    @Param('accountId', new ParseUUIDPipe({ exceptionFactory: () => notFound('Không có tài khoản này') })) id: string,
    @Body() body: UpdateAccountDto,
    @Caller() caller: Principal,
  ): Promise<AccountView> {
    if (body.displayName === undefined && body.disabled === undefined)
      throw new InvalidInputException([
        { rule: 'nothingToChange', message: 'Cần ít nhất một trong displayName (tên hiển thị) hoặc disabled (khóa/mở khóa)' },
      ]);
    return this.accounts.update(id, body, caller, actorOf(caller));
  }

  @Put(':accountId/roles')
  @Idempotent()
  @ApiOperation({
    summary: 'Giao vai trò: các vai trò ở những tổ chức người quản trị quản lý được thay bằng danh sách này; vai trò ở nơi khác giữ nguyên',
  })
  @ApiOkResponse({ type: AccountDto })
  setRoles(
    @Param('accountId', new ParseUUIDPipe({ exceptionFactory: () => notFound('Không có tài khoản này') })) id: string,
    @Body() body: SetRolesDto,
    @Caller() caller: Principal,
  ): Promise<AccountView> {
    return this.accounts.setRoles(id, body.grants, caller, actorOf(caller));
  }

  @Post(':accountId/password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đặt lại mật khẩu cho tài khoản (người dùng quên mật khẩu)' })
  @ApiOkResponse({ type: AccountDto })
  resetPassword(
    @Param('accountId', new ParseUUIDPipe({ exceptionFactory: () => notFound('Không có tài khoản này') })) id: string,
    @Body() body: ResetPasswordDto,
    @Caller() caller: Principal,
  ): Promise<AccountView> {
    return this.accounts.resetPassword(id, body.password, caller, actorOf(caller));
  }
}
