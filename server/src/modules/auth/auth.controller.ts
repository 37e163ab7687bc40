import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuthUser, CurrentUser, Public } from '../../common/decorators/auth.decorators';
import { DemoLoginDto, PasswordLoginDto, PhoneDto, WechatLoginDto } from './auth.dto';
import { AuthService } from './auth.service';

/** Logins per minute per client (see AppThrottlerGuard for the key); LOGIN_RATE_LIMIT, default 10. */
let loginLimit = 10;
export function setLoginRateLimit(n: number) {
  loginLimit = n;
}
const LOGIN_LIMIT = { default: { limit: () => loginLimit, ttl: 60_000 } };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('wechat-login')
  @HttpCode(200)
  @Throttle(LOGIN_LIMIT)
  wechatLogin(@Body() dto: WechatLoginDto) {
    return this.auth.wechatLogin(dto.code);
  }

  @Public()
  @Post('password-login')
  @HttpCode(200)
  @Throttle(LOGIN_LIMIT)
  passwordLogin(@Body() dto: PasswordLoginDto) {
    return this.auth.passwordLogin(dto.username, dto.password);
  }

  @Public()
  @Get('demo-personas')
  demoPersonas() {
    return this.auth.demoPersonas();
  }

  @Public()
  @Post('demo-login')
  @HttpCode(200)
  demoLogin(@Body() dto: DemoLoginDto) {
    return this.auth.demoLogin(dto.persona);
  }

  @ApiBearerAuth()
  @Post('phone')
  @HttpCode(200)
  @Throttle(LOGIN_LIMIT)
  phone(@CurrentUser() user: AuthUser, @Body() dto: PhoneDto) {
    return this.auth.bindPhone(user.id, dto.code);
  }
}
