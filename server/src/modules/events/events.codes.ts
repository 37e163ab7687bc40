import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';

/**
 * Signed personal codes: 我的签到码 (`k.<id36>.<mac>`, short enough for a QR and for typing in) and the calendar
 * feed token (`f.<id36>.<mac>`). Stateless, so any server process can check them.
 */
@Injectable()
export class EventCodes {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  personalCode(userId: number) {
    return `k.${userId.toString(36)}.${this.sign('checkin', userId, 10)}`;
  }

  /** The user a personal code belongs to, or null when it is forged or malformed. */
  personalCodeUser(code: string): number | null {
    return this.verify('checkin', 'k.', code, 10);
  }

  feedToken(userId: number) {
    return `f.${userId.toString(36)}.${this.sign('feed', userId, 16)}`;
  }

  feedTokenUser(token: string): number | null {
    return this.verify('feed', 'f.', token, 16);
  }

  private sign(purpose: string, userId: number, length: number) {
    return createHmac('sha256', this.config.jwtSecret).update(`${purpose}:${userId}`).digest('base64url').slice(0, length);
  }

  private verify(purpose: string, prefix: string, token: string, length: number): number | null {
    const m = new RegExp(`^${prefix.replace('.', '\\.')}([0-9a-z]{1,10})\\.([A-Za-z0-9_-]+)$`).exec(token.trim());
    if (!m) return null;
    const userId = parseInt(m[1], 36);
    const expected = Buffer.from(this.sign(purpose, userId, length));
    const given = Buffer.from(m[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
  }
}
