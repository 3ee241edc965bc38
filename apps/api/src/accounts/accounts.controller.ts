import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { notFound } from '../common/http-errors';
import { InvalidInputException } from '../common/validation';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { AccountDto, CouncilCandidateDto, CreateAccountDto, ResetPasswordDto, UpdateAccountDto } from './accounts.dto';
import type { AccountView, CouncilCandidate } from '@thidua/contracts';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Roles('admin')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Tạo tài khoản (quản trị)' })
  @ApiCreatedResponse({ type: AccountDto })
  create(@Body() body: CreateAccountDto, @Caller() caller: Principal): Promise<AccountView> {
    return this.accounts.create(body, actorOf(caller));
  }

  @Get()
  @ApiOperation({ summary: 'Danh sách tài khoản (không có mật khẩu)' })
  @ApiOkResponse({ type: [AccountDto] })
  list(): Promise<AccountView[]> {
    return this.accounts.list();
  }

  @Get('council-candidates')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'Những người có thể ngồi Hội đồng thi đua – khen thưởng: các tài khoản cán bộ đang hoạt động, theo họ tên' })
  @ApiOkResponse({ type: [CouncilCandidateDto] })
  councilCandidates(): Promise<CouncilCandidate[]> {
    return this.accounts.councilCandidates();
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
    return this.accounts.update(id, body, actorOf(caller), caller.accountId);
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
    return this.accounts.resetPassword(id, body.password, actorOf(caller));
  }
}
