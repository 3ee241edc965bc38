import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { AccountsService } from '../accounts/accounts.service';
import { ApiException } from '../common/http-errors';
import { LoginDto, LoginResponseDto } from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { Public } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly accounts: AccountsService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.throttle = new LoginThrottle(config.loginLockSeconds * 1000);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập: trả về mã truy cập (Bearer JWT)' })
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
    const expiresAt = new Date(Date.now() + this.config.tokenTtlSeconds * 1000);
    const accessToken = await this.jwt.signAsync(
      { sub: account.id, username: account.username, role: account.role, ...(account.unitId ? { unitId: account.unitId } : {}) },
      { expiresIn: this.config.tokenTtlSeconds, algorithm: 'HS256' },
    );
    return {
      accessToken,
      expiresAt: expiresAt.toISOString(),
      role: account.role,
      username: account.username,
      ...(account.unitId ? { unitId: account.unitId } : {}),
    };
  }
}
