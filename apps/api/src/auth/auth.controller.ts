import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import type { Grant } from '@thidua/contracts';
import { AccountsService } from '../accounts/accounts.service';
import { ApiException } from '../common/http-errors';
import { OrgDirectory } from '../organisations/org-directory';
import { holds } from '../organisations/org-tree';
import { LoginDto, LoginResponseDto, SwitchDto } from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { Caller, Public, type Principal } from './principal';
import type { TokenClaims } from './auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly accounts: AccountsService,
    private readonly jwt: JwtService,
    private readonly orgs: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.throttle = new LoginThrottle(config.loginLockSeconds * 1000);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đăng nhập: trả về mã truy cập (Bearer JWT) cho một vai trò (orgId chọn tổ chức; mặc định vai trò đầu tiên)',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Sai tên đăng nhập hoặc mật khẩu' })
  @ApiTooManyRequestsResponse({ description: 'Quá nhiều lần đăng nhập sai; thử lại sau Retry-After giây' })
  async login(@Body() body: LoginDto, @Req() req: Request): Promise<LoginResponseDto> {
    const keys = LoginThrottle.keysOf(body.username, req.ip ?? req.socket.remoteAddress ?? '', this.config.loginMaxFailures);
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0) {
      throw new ApiException(429, `Đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${Math.ceil(wait / 60)} phút`, [], {
        'Retry-After': String(wait),
      });
    }
    const account = await this.accounts.verify(body.username, body.password);
    if (!account) {
      this.throttle.fail(keys);
      throw new ApiException(401, 'Sai tên đăng nhập hoặc mật khẩu');
    }
    this.throttle.succeed(keys[0]);
    const grant = body.orgId ? account.grants.find((g) => g.orgId === body.orgId) : account.grants[0];
    if (!grant)
      throw new ApiException(
        403,
        body.orgId ? `Tài khoản không có vai trò nào ở tổ chức "${body.orgId}"` : 'Tài khoản chưa được giao vai trò nào; liên hệ quản trị',
      );
    return this.issue(account, grant);
  }

  @Post('switch')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Chuyển nơi làm việc: mã truy cập mới cho một vai trò khác mà tài khoản đang giữ' })
  @ApiOkResponse({ type: LoginResponseDto })
  async switch(@Body() body: SwitchDto, @Caller() caller: Principal): Promise<LoginResponseDto> {
    await this.orgs.refresh();
    const grants = this.orgs.grantsOf(caller.accountId);
    const grant = grants.find(
      (g) => g.orgId === body.orgId && g.role === body.role && (body.unitId === undefined || g.unitId === body.unitId),
    );
    if (!grant || !holds(grants, grant))
      throw new ApiException(403, `Tài khoản không giữ vai trò này ở tổ chức "${body.orgId}"`, [
        { field: 'orgId', rule: 'held', message: 'orgId: tài khoản không có vai trò này ở đây' },
      ]);
    return this.issue({ id: caller.accountId, username: caller.username }, grant);
  }

  private async issue(account: { id: string; username: string }, grant: Grant): Promise<LoginResponseDto> {
    const expiresAt = new Date(Date.now() + this.config.tokenTtlSeconds * 1000);
    const claims: Omit<TokenClaims, 'exp'> = {
      sub: account.id,
      username: account.username,
      role: grant.role,
      org: grant.orgId,
      ...(grant.unitId ? { unitId: grant.unitId } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.tokenTtlSeconds, algorithm: 'HS256' });
    return {
      accessToken,
      expiresAt: expiresAt.toISOString(),
      role: grant.role,
      username: account.username,
      orgId: grant.orgId,
      orgName: this.orgs.tree.nameOf(grant.orgId),
      ...(grant.unitId ? { unitId: grant.unitId } : {}),
    };
  }
}
