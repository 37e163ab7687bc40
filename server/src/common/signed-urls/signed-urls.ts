import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { createHmac, timingSafeEqual } from 'crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';

export const SIGNED_URL = 'signedUrl';
/**
 * The route also answers a signed URL (`?exp=&uid=&sig=`) instead of the Authorization header, acting as `uid` with
 * the roles that person holds now. For what an <Image> must load (a QR code): it cannot send headers.
 */
export const SignedUrlAccess = () => SetMetadata(SIGNED_URL, true);

export interface SignedUrl {
  /** relative to the API base: `/api/…?…&exp=…&sig=…` */
  url: string;
  expiresAt: string;
}

/** A QR code is loaded once, right after its URL is handed out. */
export const QR_URL_SECONDS = 10 * 60;
/** A photo may be opened full size a while after its page was loaded. */
export const PHOTO_URL_SECONDS = 60 * 60;
/**
 * Expiries are rounded up to this step, so a page reloaded within it gets the same URLs and the image cache still
 * works; a URL lives between its lifetime and its lifetime plus the step.
 */
const STEP_SECONDS = 5 * 60;
const SIG_LENGTH = 32;

/**
 * Short-lived URLs signed with the server's secret (HMAC-SHA256, like the check-in codes in events.codes.ts), bound to
 * the exact path and query: one cannot be turned into another image's, given a later expiry or another user.
 * Stateless, so any server process checks them. A query-string token never carries a login: a leaked URL (a proxy
 * log) opens one image for minutes, not an account for a month.
 */
@Injectable()
export class SignedUrls {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  sign(pathAndQuery: string, seconds: number, userId?: number, now = Date.now()): SignedUrl {
    const exp = Math.ceil((now / 1000 + seconds) / STEP_SECONDS) * STEP_SECONDS;
    const [path, search = ''] = pathAndQuery.split('?', 2);
    const params = new URLSearchParams(search);
    params.delete('sig');
    params.set('exp', String(exp));
    if (userId !== undefined) params.set('uid', String(userId));
    else params.delete('uid');
    const sig = this.mac(path, params);
    params.set('sig', sig);
    return { url: `${path}?${params.toString()}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /**
   * Checks a request's URL (path and raw query as received). Returns null when unsigned; `{ ok: false }` when forged,
   * altered or expired; else who it was signed for (undefined: anyone holding it).
   */
  verify(rawUrl: string, now = Date.now()): null | { ok: false } | { ok: true; userId?: number } {
    const [path, search = ''] = rawUrl.split('?', 2);
    const params = new URLSearchParams(search);
    const sig = params.get('sig');
    if (sig === null) return null;
    if (params.getAll('sig').length !== 1 || params.getAll('exp').length !== 1 || params.getAll('uid').length > 1) return { ok: false };
    params.delete('sig');
    const exp = Number(params.get('exp'));
    if (!Number.isSafeInteger(exp) || exp * 1000 <= now) return { ok: false };
    const expected = Buffer.from(this.mac(path, params));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false };
    const uid = params.get('uid');
    if (uid === null) return { ok: true };
    const userId = Number(uid);
    return Number.isSafeInteger(userId) && userId > 0 ? { ok: true, userId } : { ok: false };
  }

  private mac(path: string, params: URLSearchParams): string {
    const canonical = [...params.entries()].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return createHmac('sha256', this.config.jwtSecret).update(`signed-url\n${path}\n${canonical}`).digest('base64url').slice(0, SIG_LENGTH);
  }
}

/** The query parameters of a signed URL, for routes whose query DTO refuses unknown parameters. */
export class SignedUrlQuery {
  @ApiPropertyOptional({ description: 'signed URL: expiry (unix seconds)' }) @IsOptional() @IsString() @MaxLength(20) exp?: string;
  @ApiPropertyOptional({ description: 'signed URL: the user it was issued to' }) @IsOptional() @IsString() @MaxLength(20) uid?: string;
  @ApiPropertyOptional({ description: 'signed URL: signature' }) @IsOptional() @IsString() @MaxLength(64) sig?: string;
}
