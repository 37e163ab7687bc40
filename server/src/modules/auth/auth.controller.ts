import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public } from '../../common/decorators/auth.decorators';
import { LoginRateLimit } from '../../common/rate-limits';
import { DemoLoginDto, LogoutDto, PasswordLoginDto, PhoneDto, RefreshDto, UpdateProfileDto, WechatLoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { MeService, UserView } from './me.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('wechat-login')
  @HttpCode(200)
  @LoginRateLimit()
  wechatLogin(@Body() dto: WechatLoginDto) {
    return this.auth.wechatLogin(dto.code);
  }

  @Public()
  @Post('password-login')
  @HttpCode(200)
  @LoginRateLimit()
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

  /** Renews an expired access token; the refresh token is replaced (rotation), and presenting a used one ends the sign-in. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.renew(dto.refreshToken);
  }

  /** Public: a sign-out must work with an expired access token. */
  @Public()
  @Post('logout')
  @HttpCode(200)
  async logout(@Body() dto: LogoutDto): Promise<{ ok: true }> {
    await this.auth.logout(dto.refreshToken);
    return { ok: true };
  }

  @ApiBearerAuth()
  @Post('phone')
  @HttpCode(200)
  @LoginRateLimit()
  phone(@CurrentUser() user: AuthUser, @Body() dto: PhoneDto) {
    return this.auth.bindPhone(user.id, dto.code, user.sessionId);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly views: MeService) {}

  @Get()
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.views.view(user.id);
  }

  @Patch()
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserView> {
    return this.views.update(user.id, dto);
  }
}
