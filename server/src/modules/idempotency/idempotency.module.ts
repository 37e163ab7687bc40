import { Global, Module } from '@nestjs/common';
import { defineErrorStatuses } from '../../common/errors/error-status';
import { IdempotencyService } from './idempotency.service';

defineErrorStatuses({ IDEMPOTENT_RETRY: 409 });

@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
