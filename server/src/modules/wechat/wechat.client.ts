import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { REDIS, SharedRedis } from '../../common/redis/redis.module';
import { WechatApiError, WX_ERR } from './wechat.errors';

export interface Code2Session {
  openid: string;
  session_key: string;
  unionid?: string;
}
export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}
export interface SecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

/** How long a process waits for another one fetching the shared token; the fetch itself times out at 8 s. */
const TOKEN_WAIT_MS = 10_000;
const TOKEN_LOCK_MS = 10_000;
/** Deletes KEYS[1] only while it still holds ARGV[1]: a lock we took, a token we found bad. */
const DELETE_IF_MINE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * The one adapter for WeChat's server API. Paths, parameters and errcodes follow the documentation;
 * the base URL is configurable so tests and demo mode point it at the fake server.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger('WeChat');
  private token: { value: string; expiresAt: number } | null = null;
  private tokenPromise: Promise<string> | null = null;
  private baseOverride: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: SharedRedis,
  ) {}

  /** Demo mode learns its own address only after listen(); see app.factory. */
  setBaseUrl(base: string) {
    this.baseOverride = base;
  }

  get baseUrl(): string {
    const base = this.config.wechat.apiBase ?? this.baseOverride;
    if (!base) throw new WechatApiError(WX_ERR.SYSTEM_BUSY, 'WeChat API base URL is not set', 'config');
    return base.replace(/\/$/, '');
  }

  /**
   * The access token every call carries. One process: GET /cgi-bin/token, cached in memory until 5 minutes before it
   * expires. With REDIS_URL: shared by every process (see sharedToken), so they don't take turns invalidating it.
   */
  async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now()) return this.token.value;
    if (!this.tokenPromise) {
      this.tokenPromise = (this.redis ? this.sharedToken(this.redis) : this.ownToken())
        .then((t) => {
          this.token = t;
          return t.value;
        })
        .finally(() => (this.tokenPromise = null));
    }
    return this.tokenPromise;
  }

  private async ownToken(): Promise<{ value: string; expiresAt: number }> {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: this.config.wechat.appId, secret: this.config.wechat.secret });
    const body = await this.getJson<{ access_token: string; expires_in: number }>('/cgi-bin/token', q, 'token');
    return { value: body.access_token, expiresAt: Date.now() + Math.max(60, body.expires_in - 300) * 1000 };
  }

  /** By appid and API base: demo processes each mount a fake WeChat of their own, whose tokens the others' refuse. */
  private get tokenKey() {
    const base = createHash('sha1').update(this.baseUrl).digest('hex').slice(0, 12);
    return `linli:wechat:${this.config.wechat.appId}:${base}:access_token`;
  }

  /**
   * The token in Redis, fetched by one process at a time: whoever takes the lock (SET NX PX) asks WeChat and stores
   * it with its lifetime; the others wait for it to appear. It is asked through POST /cgi-bin/stable_token in normal
   * mode, which hands back the same token while it is valid, so even a process that gave up waiting (or another
   * deployment on the same appid) cannot invalidate the one the others hold — /cgi-bin/token would.
   */
  private async sharedToken(redis: NonNullable<SharedRedis>): Promise<{ value: string; expiresAt: number }> {
    const key = this.tokenKey;
    const lock = `${key}:lock`;
    const me = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    const deadline = Date.now() + TOKEN_WAIT_MS;
    try {
      for (;;) {
        const [value, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
        if (value && ttl > 0) return { value, expiresAt: Date.now() + ttl };
        if ((await redis.set(lock, me, 'PX', TOKEN_LOCK_MS, 'NX')) === 'OK') {
          try {
            // Another process may have stored it between our read and our lock (and released the lock): read again.
            const [stored, left] = await Promise.all([redis.get(key), redis.pttl(key)]);
            if (stored && left > 0) return { value: stored, expiresAt: Date.now() + left };
            const fresh = await this.stableToken(false);
            await redis.set(key, fresh.value, 'PX', Math.max(1000, Math.floor(fresh.expiresAt - Date.now())));
            return fresh;
          } finally {
            await redis.eval(DELETE_IF_MINE, 1, lock, me);
          }
        }
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch (err) {
      if (err instanceof WechatApiError) throw err;
      this.logger.warn(`Redis unavailable for the access token, asking WeChat directly: ${(err as Error).message}`);
    }
    // Redis down or the holder stuck: stable_token still returns the shared token, so asking alone churns nothing.
    return this.stableToken(false);
  }

  /** POST /cgi-bin/stable_token (getStableAccessToken). */
  private async stableToken(forceRefresh: boolean): Promise<{ value: string; expiresAt: number }> {
    const res = await this.fetch('/cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.config.wechat.appId, secret: this.config.wechat.secret, force_refresh: forceRefresh }),
    });
    const body = await this.parse<{ access_token: string; expires_in: number }>(res, 'stable_token');
    // WeChat renews a stable token in its last 5 minutes (both valid meanwhile), so expires_in is always ≥ 300.
    return { value: body.access_token, expiresAt: Date.now() + Math.max(60, body.expires_in - 300) * 1000 };
  }

  /** A token WeChat refused (40001/42001): forgotten here, and in Redis unless another process already replaced it. */
  private async dropToken(bad: string) {
    if (this.token?.value === bad) this.token = null;
    if (!this.redis) return;
    await this.redis.eval(DELETE_IF_MINE, 1, this.tokenKey, bad).catch(() => undefined);
  }

  /** GET /sns/jscode2session — exchanges a wx.login code. */
  code2Session(jsCode: string): Promise<Code2Session> {
    const q = new URLSearchParams({
      appid: this.config.wechat.appId,
      secret: this.config.wechat.secret,
      js_code: jsCode,
      grant_type: 'authorization_code',
    });
    return this.getJson<Code2Session>('/sns/jscode2session', q, 'jscode2session');
  }

  /** POST /wxa/business/getuserphonenumber */
  async getUserPhoneNumber(code: string): Promise<PhoneInfo> {
    const body = await this.postWithToken<{ phone_info: PhoneInfo }>('/wxa/business/getuserphonenumber', { code }, 'getuserphonenumber');
    return body.phone_info;
  }

  /** POST /wxa/getwxacodeunlimit — a PNG on success, JSON on error. */
  async getWxacodeUnlimit(params: { scene: string; page: string; width?: number; check_path?: boolean; env_version?: string }): Promise<Buffer> {
    return this.withTokenRetry(async (token) => {
      const res = await this.fetch(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ width: 430, check_path: false, env_version: 'release', ...params }),
      });
      const type = res.headers.get('content-type') ?? '';
      const buf = Buffer.from(await res.arrayBuffer());
      if (type.includes('json') || buf[0] === 0x7b) {
        const body = JSON.parse(buf.toString('utf8'));
        throw new WechatApiError(body.errcode ?? WX_ERR.SYSTEM_BUSY, body.errmsg ?? 'unknown', 'getwxacodeunlimit');
      }
      return buf;
    });
  }

  /** POST /cgi-bin/message/subscribe/send */
  async sendSubscribeMessage(msg: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }>; miniprogram_state?: string; lang?: string }) {
    await this.postWithToken('/cgi-bin/message/subscribe/send', { miniprogram_state: 'formal', lang: 'zh_CN', ...msg }, 'subscribe.send');
  }

  /** POST /wxa/msg_sec_check, version 2 */
  async msgSecCheck(params: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<SecCheckResult> {
    const body = await this.postWithToken<{ result: SecCheckResult }>('/wxa/msg_sec_check', { version: 2, ...params }, 'msg_sec_check');
    return body.result;
  }

  private async postWithToken<T>(path: string, payload: unknown, api: string): Promise<T> {
    return this.withTokenRetry(async (token) => {
      const res = await this.fetch(`${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return this.parse<T>(res, api);
    });
  }

  /** A token revoked early (40001/42001) is refreshed once and the call repeated. */
  private async withTokenRetry<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (err) {
      if (err instanceof WechatApiError && (err.errcode === WX_ERR.INVALID_CREDENTIAL || err.errcode === WX_ERR.ACCESS_TOKEN_EXPIRED)) {
        await this.dropToken(token);
        return call(await this.accessToken(true));
      }
      throw err;
    }
  }

  private async getJson<T>(path: string, query: URLSearchParams, api: string): Promise<T> {
    const res = await this.fetch(`${path}?${query.toString()}`, { method: 'GET' });
    return this.parse<T>(res, api);
  }

  private async fetch(pathAndQuery: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${pathAndQuery}`, { ...init, signal: AbortSignal.timeout(8000) });
    } catch (err) {
      this.logger.warn(`WeChat unreachable: ${(err as Error).message}`);
      throw new WechatApiError(WX_ERR.SYSTEM_BUSY, 'WeChat API unreachable', pathAndQuery.split('?')[0]);
    }
  }

  private async parse<T>(res: Response, api: string): Promise<T> {
    let body: any;
    try {
      body = await res.json();
    } catch {
      throw new WechatApiError(WX_ERR.SYSTEM_BUSY, `non-JSON answer (HTTP ${res.status})`, api);
    }
    if (body.errcode && body.errcode !== 0) throw new WechatApiError(body.errcode, body.errmsg ?? '', api);
    return body as T;
  }
}
