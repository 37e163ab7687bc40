import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { MeService } from './me.service';
import { ACCESS_TOKEN_SECONDS, SessionsService } from './sessions';
import { SignedUrlsModule } from '../../common/signed-urls/signed-urls.module';

/**
 * Signs the session tokens. It exports the JWT module because the app-wide `AuthGuard` (registered in AppModule,
 * which imports this module) verifies them on every request.
 */
const tokens = JwtModule.registerAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key on every
    // verify (an exception per request) — a quarter of the server's CPU on a plain GET in `npm run bench`.
    secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
    signOptions: { expiresIn: ACCESS_TOKEN_SECONDS, algorithm: 'HS256' },
    verifyOptions: { algorithms: ['HS256'] },
  }),
});

@Module({
  imports: [tokens, AuditModule, UsersModule, WechatModule, SignedUrlsModule],
  controllers: [AuthController, MeController],
  providers: [AuthService, MeService, SessionsService],
  exports: [AuthService, MeService, SignedUrlsModule, tokens],
})
export class AuthModule {}
