import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { SignedUrlsModule } from '../../common/signed-urls/signed-urls.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { FILE_STORAGE } from './storage';
import { createFileStorage } from './storage.factory';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  imports: [SignedUrlsModule, IdempotencyModule],
  controllers: [UploadsController],
  providers: [UploadsService, { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createFileStorage(c) }],
  exports: [UploadsService, FILE_STORAGE, SignedUrlsModule],
})
export class UploadsModule {}
