import { Module } from '@nestjs/common';
import { defineErrorStatuses } from '../../common/errors/error-status';
import { IdempotencyService } from './idempotency.service';

defineErrorStatuses({ IDEMPOTENT_RETRY: 409 });

@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
