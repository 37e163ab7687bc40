import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { setRateLimits } from './common/rate-limits';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { AuthGuard } from './common/guards/auth.guard';
import { AppThrottlerGuard } from './common/guards/throttler.guard';
import { throttlerStorage } from './common/guards/throttler.storage';
import { REDIS, RedisModule, SharedRedis } from './common/redis/redis.module';
import type { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { AuthModule } from './modules/auth/auth.module';
import { EventsModule } from './modules/events/events.module';
import { HealthModule } from './modules/health/health.module';
import { HomeModule } from './modules/home/home.module';
import { LedgerModule } from './modules/ledger/ledger.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PeopleModule } from './modules/people/people.module';
import { PlacesModule } from './modules/places/places.module';
import { ServiceRequestsModule } from './modules/service-requests/service-requests.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { WishesModule } from './modules/wishes/wishes.module';
import { ModerationModule } from './modules/moderation/moderation.module';

/**
 * The modules that serve routes; each flow adds its module here. Nothing in them is global: each imports the
 * modules it uses (audit, notifications, jobs, …), so its `imports` list is its dependencies. Only infrastructure
 * is global: config and the clock (`ConfigModule`), the database (`TypeOrmModule`, `DatabaseModule`), logging.
 */
export const FEATURE_MODULES = [
  AuthModule,
  PlacesModule,
  UploadsModule,
  NotificationsModule,
  ServiceRequestsModule,
  WishesModule,
  LedgerModule,
  EventsModule,
  HomeModule,
  PeopleModule,
  ModerationModule,
];

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
        // Counted in Redis when REDIS_URL is set, so the limits hold across every process (throttler.storage.ts).
        ThrottlerModule.forRootAsync({
          imports: [RedisModule],
          inject: [REDIS],
          useFactory: (redis: SharedRedis) => ({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimit }], storage: throttlerStorage(redis) }),
        }),
        DatabaseModule,
        HealthModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
      ],
    };
  }
}
