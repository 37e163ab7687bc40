import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
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

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Demo mode learns its own address only after listen(); see app.factory. */
  setBaseUrl(base: string) {
    this.baseOverride = base;
  }

  get baseUrl(): string {
    const base = this.config.wechat.apiBase ?? this.baseOverride;
    if (!base) throw new WechatApiError(WX_ERR.SYSTEM_BUSY, 'WeChat API base URL is not set', 'config');
    return base.replace(/\/$/, '');
  }

  /** GET /cgi-bin/token — cached until 5 minutes before it expires. */
  async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now()) return this.token.value;
    if (!this.tokenPromise) {
      this.tokenPromise = (async () => {
        const q = new URLSearchParams({ grant_type: 'client_credential', appid: this.config.wechat.appId, secret: this.config.wechat.secret });
        const body = await this.getJson<{ access_token: string; expires_in: number }>('/cgi-bin/token', q, 'token');
        this.token = { value: body.access_token, expiresAt: Date.now() + Math.max(60, body.expires_in - 300) * 1000 };
        return body.access_token;
      })().finally(() => (this.tokenPromise = null));
    }
    return this.tokenPromise;
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
    try {
      return await call(await this.accessToken());
    } catch (err) {
      if (err instanceof WechatApiError && (err.errcode === WX_ERR.INVALID_CREDENTIAL || err.errcode === WX_ERR.ACCESS_TOKEN_EXPIRED)) {
        this.token = null;
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
