import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';

/**
 * Admission gate for the sign-up write paths of one process (sign up, cancel, decline): a burst of a thousand taps
 * waits here, in memory, instead of overflowing the database pool's bounded queue (which answers "Queue limit
 * reached"). They all serialise on the activity row anyway, so more parallelism would only add lock waits.
 */
@Injectable()
export class SignupGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = Math.max(1, config.dbPoolSize - 2);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
