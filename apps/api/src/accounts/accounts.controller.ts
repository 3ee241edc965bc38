import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { AccountDto, CreateAccountDto } from './accounts.dto';
import type { AccountView } from '../../../../libs/contracts/src/api/responses';
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
}
