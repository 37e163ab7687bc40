import { createHash, randomBytes } from 'crypto';
import Fastify, { FastifyInstance, FastifyPluginAsync } from 'fastify';
import * as QRCode from 'qrcode';
import { isValidScene } from '@linli/domain';
import { WX_ERR } from '../wechat.errors';

/**
 * A stand-in for api.weixin.qq.com that follows the documented protocol: same paths, parameters,
 * answers and errcodes. Used by the tests and by demo mode (mounted at /fake-wechat).
 *
 * Codes the fake understands (the real wx.login code is opaque; these let tests pick the outcome):
 *   "<who>.<nonce>"      → openid derived from <who>, so two logins of one person map to one user
 *   "invalid…"           → 40029   "ratelimit…" → 45011   "blocked…" → 40226
 *   a code used twice    → 40163
 * getuserphonenumber codes: "phone:<11 digits>" → that number; anything else → 40029.
 * msg_sec_check: content containing a word from RISKY_WORDS → suggest "risky".
 * subscribe/send: answers with the errcodes queued by POST /__fake/fail-sends {errcodes:[-1,43101]}, one per send.
 */
export interface FakeWechatOptions {
  appId: string;
  secret: string;
}

export interface FakeWechatState {
  tokens: Set<string>;
  /** the current getStableAccessToken token, separate from /cgi-bin/token's */
  stable: { value: string; expiresAt: number } | null;
  /** when stable_token was force-refreshed (today's count is limited) */
  forcedRefreshes: number[];
  usedCodes: Set<string>;
  sent: Array<{ touser: string; template_id: string; page?: string; data: unknown; at: string }>;
  calls: Array<{ api: string; at: string }>;
  qrcodes: number;
  /** errcodes the next subscribe sends answer with, one each (fault injection for tests) */
  sendFailures: number[];
}

/** getStableAccessToken's lifetime */
export const STABLE_TOKEN_SECONDS = 7200;

export const RISKY_WORDS = ['赌博', '代开发票', '违禁品'];

export function openidFor(who: string): string {
  return 'o' + createHash('sha1').update(who).digest('base64url').slice(0, 27);
}

export function fakeWechatPlugin(opts: FakeWechatOptions, state: FakeWechatState = newState()): FastifyPluginAsync {
  return async (app) => {
    const err = (errcode: number, errmsg: string) => ({ errcode, errmsg });
    const needToken = (token: unknown) => typeof token === 'string' && state.tokens.has(token);
    const note = (api: string) => state.calls.push({ api, at: new Date().toISOString() });

    app.get('/cgi-bin/token', async (req) => {
      note('token');
      const q = req.query as Record<string, string>;
      if (q.grant_type !== 'client_credential') return err(WX_ERR.INVALID_GRANT_TYPE, 'invalid grant_type');
      if (q.appid !== opts.appId) return err(WX_ERR.INVALID_APPID, 'invalid appid');
      if (q.secret !== opts.secret) return err(WX_ERR.INVALID_APPSECRET, 'invalid appsecret');
      const token = randomBytes(24).toString('hex');
      state.tokens.add(token);
      return { access_token: token, expires_in: 7200 };
    });

    /**
     * getStableAccessToken: POST JSON only. Normal mode returns the current token with its remaining lifetime, and a
     * new one in the last 5 minutes (the old one stays valid for them). force_refresh invalidates the previous token,
     * at most 20 times a day and not within 30 s of the last forced refresh (then the current token comes back).
     */
    app.route({
      method: ['GET', 'POST'],
      url: '/cgi-bin/stable_token',
      handler: async (req) => {
        note('stable_token');
        if (req.method !== 'POST') return err(WX_ERR.REQUIRE_POST, 'require POST method');
        const b = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
        if (!b) return err(WX_ERR.INVALID_ARGS, 'data format error');
        if (b.grant_type !== 'client_credential') return err(WX_ERR.INVALID_GRANT_TYPE, 'invalid grant_type');
        if (!b.appid) return err(WX_ERR.MISSING_APPID, 'appid missing');
        if (b.appid !== opts.appId) return err(WX_ERR.INVALID_APPID, 'invalid appid');
        if (!b.secret) return err(WX_ERR.MISSING_APPSECRET, 'appsecret missing');
        if (b.secret !== opts.secret) return err(WX_ERR.INVALID_APPSECRET, 'invalid appsecret');
        if (b.force_refresh !== undefined && typeof b.force_refresh !== 'boolean') return err(WX_ERR.INVALID_ARGS, 'data format error hint: force_refresh must be boolean');
        const now = Date.now();
        const issue = (invalidate: boolean) => {
          if (invalidate && state.stable) state.tokens.delete(state.stable.value);
          state.stable = { value: randomBytes(24).toString('hex'), expiresAt: now + STABLE_TOKEN_SECONDS * 1000 };
          state.tokens.add(state.stable.value);
        };
        const current = state.stable && state.tokens.has(state.stable.value) && state.stable.expiresAt > now ? state.stable : null;
        if (b.force_refresh === true) {
          const today = state.forcedRefreshes.filter((t) => now - t < 24 * 3600_000);
          const last = today[today.length - 1];
          if (!current || last === undefined || now - last >= 30_000) {
            if (today.length >= 20) return err(WX_ERR.QR_LIMIT, 'reach max api daily quota limit');
            state.forcedRefreshes = [...today, now];
            issue(true);
          }
        } else if (!current) {
          issue(true);
        } else if (current.expiresAt - now <= 300_000) {
          issue(false);
        }
        return { access_token: state.stable!.value, expires_in: Math.floor((state.stable!.expiresAt - now) / 1000) };
      },
    });

    app.get('/sns/jscode2session', async (req) => {
      note('jscode2session');
      const q = req.query as Record<string, string>;
      if (q.appid !== opts.appId) return err(WX_ERR.INVALID_APPID, 'invalid appid');
      if (q.secret !== opts.secret) return err(WX_ERR.INVALID_APPSECRET, 'invalid appsecret');
      if (q.grant_type !== 'authorization_code') return err(WX_ERR.INVALID_GRANT_TYPE, 'invalid grant_type');
      const code = q.js_code;
      if (!code) return err(WX_ERR.MISSING_CODE, 'missing code');
      if (code.startsWith('invalid')) return err(WX_ERR.INVALID_CODE, 'invalid code');
      if (code.startsWith('ratelimit')) return err(WX_ERR.RATE_LIMITED, 'minute-quota reach limit');
      if (code.startsWith('blocked')) return err(WX_ERR.USER_BLOCKED, 'risky user');
      if (state.usedCodes.has(code)) return err(WX_ERR.CODE_USED, 'code been used');
      state.usedCodes.add(code);
      const who = code.split('.')[0];
      return { openid: openidFor(who), session_key: randomBytes(16).toString('base64') };
    });

    app.post('/wxa/business/getuserphonenumber', async (req) => {
      note('getuserphonenumber');
      const q = req.query as Record<string, string>;
      if (!needToken(q.access_token)) return err(WX_ERR.INVALID_CREDENTIAL, 'invalid credential, access_token is invalid or not latest');
      const code = (req.body as any)?.code;
      if (typeof code !== 'string' || !code) return err(WX_ERR.INVALID_ARGS, 'data format error');
      const m = /^phone:(1\d{10})(\..*)?$/.exec(code);
      if (!m || state.usedCodes.has(code)) return err(WX_ERR.INVALID_CODE, 'invalid code');
      state.usedCodes.add(code);
      return {
        errcode: 0,
        errmsg: 'ok',
        phone_info: { phoneNumber: m[1], purePhoneNumber: m[1], countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: opts.appId } },
      };
    });

    app.post('/wxa/getwxacodeunlimit', async (req, reply) => {
      note('getwxacodeunlimit');
      const q = req.query as Record<string, string>;
      if (!needToken(q.access_token)) return err(WX_ERR.INVALID_CREDENTIAL, 'invalid credential, access_token is invalid or not latest');
      const body = (req.body ?? {}) as { scene?: string; page?: string; width?: number };
      if (!isValidScene(body.scene)) return err(WX_ERR.INVALID_SCENE, 'invalid scene');
      if (body.page && (body.page.includes('?') || body.page.startsWith('/'))) return err(WX_ERR.INVALID_PAGE, 'invalid page');
      const width = body.width ?? 430;
      if (width < 280 || width > 1280) return err(WX_ERR.INVALID_ARGS, 'invalid width');
      state.qrcodes++;
      // A real 小程序码 is a round sun code; the fake draws a QR with the same content so tests can decode it.
      const png = await QRCode.toBuffer(`wxacode:${body.page ?? 'pages/index/index'}?scene=${body.scene}`, { type: 'png', width });
      reply.header('content-type', 'image/png');
      return reply.send(png);
    });

    app.post('/cgi-bin/message/subscribe/send', async (req) => {
      note('subscribe.send');
      const q = req.query as Record<string, string>;
      if (!needToken(q.access_token)) return err(WX_ERR.INVALID_CREDENTIAL, 'invalid credential, access_token is invalid or not latest');
      const b = (req.body ?? {}) as any;
      if (typeof b.touser !== 'string' || !b.touser.startsWith('o')) return err(WX_ERR.INVALID_OPENID, 'invalid openid');
      if (typeof b.template_id !== 'string' || !b.template_id) return err(WX_ERR.INVALID_TEMPLATE_ID, 'invalid template_id');
      if (!b.data || typeof b.data !== 'object') return err(WX_ERR.INVALID_ARGS, 'argument invalid! data.');
      const failure = state.sendFailures.shift();
      if (failure === WX_ERR.USER_REFUSED) return err(failure, 'user refuse to accept the msg');
      if (failure === WX_ERR.SYSTEM_BUSY) return err(failure, 'system error');
      if (failure !== undefined) return err(failure, 'injected failure');
      state.sent.push({ touser: b.touser, template_id: b.template_id, page: b.page, data: b.data, at: new Date().toISOString() });
      return { errcode: 0, errmsg: 'ok' };
    });

    app.post('/wxa/msg_sec_check', async (req) => {
      note('msg_sec_check');
      const q = req.query as Record<string, string>;
      if (!needToken(q.access_token)) return err(WX_ERR.INVALID_CREDENTIAL, 'invalid credential, access_token is invalid or not latest');
      const b = (req.body ?? {}) as any;
      if (b.version !== 2) return err(WX_ERR.INVALID_ARGS, 'version must be 2');
      if (![1, 2, 3, 4].includes(b.scene)) return err(WX_ERR.INVALID_ARGS, 'invalid scene');
      if (typeof b.openid !== 'string' || !b.openid) return err(WX_ERR.INVALID_OPENID, 'invalid openid');
      if (typeof b.content !== 'string' || b.content.length > 2500) return err(WX_ERR.INVALID_ARGS, 'content too long');
      const hit = RISKY_WORDS.find((w) => b.content.includes(w));
      return {
        errcode: 0,
        errmsg: 'ok',
        result: hit ? { suggest: 'risky', label: 20006 } : { suggest: 'pass', label: 100 },
        detail: [{ strategy: 'content_model', errcode: 0, suggest: hit ? 'risky' : 'pass', label: hit ? 20006 : 100, keyword: hit, prob: hit ? 90 : 0 }],
        trace_id: randomBytes(8).toString('hex'),
      };
    });

    // Inspection and fault injection for tests; not part of WeChat's API.
    app.get('/__fake/state', async () => ({ sent: state.sent, calls: state.calls, qrcodes: state.qrcodes }));
    app.post('/__fake/fail-sends', async (req) => {
      const codes = (req.body as any)?.errcodes;
      if (Array.isArray(codes)) state.sendFailures.push(...codes.map(Number));
      return { ok: true, queued: state.sendFailures.length };
    });
    app.post('/__fake/expire-tokens', async () => {
      state.tokens.clear();
      state.stable = null;
      return { ok: true };
    });
  };
}

export function newState(): FakeWechatState {
  return { tokens: new Set(), stable: null, forcedRefreshes: [], usedCodes: new Set(), sent: [], calls: [], qrcodes: 0, sendFailures: [] };
}

/** A standalone fake on its own port, for tests that want WeChat out of process. */
export async function startFakeWechat(opts: FakeWechatOptions, port = 0): Promise<{ app: FastifyInstance; url: string; state: FakeWechatState }> {
  const state = newState();
  const app = Fastify({ logger: false });
  await app.register(fakeWechatPlugin(opts, state));
  const address = await app.listen({ port, host: '127.0.0.1' });
  return { app, url: address, state };
}
