import { DynamicModule, Module } from '@nestjs/common';
import { createSecretKey } from 'crypto';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Clock } from './common/clock';
import { setRateLimits } from './common/rate-limits';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { AuthGuard } from './common/guards/auth.guard';
import { AppThrottlerGuard } from './common/guards/throttler.guard';
import { FixedWindowThrottlerStorage } from './common/guards/throttler.storage';
import type { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { EventsModule } from './modules/events/events.module';
import { HealthModule } from './modules/health/health.module';
import { IdempotencyModule } from './modules/idempotency/idempotency.module';
import { LedgerModule } from './modules/ledger/ledger.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PlacesModule } from './modules/places/places.module';
import { ServiceRequestsModule } from './modules/service-requests/service-requests.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { UsersModule } from './modules/users/users.module';
import { WechatModule } from './modules/wechat/wechat.module';
import { WishesModule } from './modules/wishes/wishes.module';

/** Feature modules; each flow adds its module here. */
export const FEATURE_MODULES = [AuthModule, PlacesModule, ServiceRequestsModule, WishesModule, EventsModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    setRateLimits({ login: config.loginRateLimit, submit: config.submitRateLimit });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: { ignore: (req) => !req.url?.startsWith('/api') || req.url === '/api/health' },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }) },
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), retryAttempts: config.nodeEnv === 'test' ? 1 : 5, retryDelay: 1000 }),
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key on every
        // verify (an exception per request) — a quarter of the server's CPU on a plain GET in `npm run bench`.
        JwtModule.register({
          global: true,
          secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
          signOptions: { expiresIn: '30d', algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimit }], storage: new FixedWindowThrottlerStorage() }),
        DatabaseModule,
        WechatModule,
        AuditModule,
        IdempotencyModule,
        JobsModule,
        UsersModule,
        UploadsModule,
        NotificationsModule,
        LedgerModule,
        HealthModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        Clock,
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
      ],
      exports: [Clock],
      global: true,
    };
  }
}
