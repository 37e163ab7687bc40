import { startFakeWechat } from './fake-wechat';
import { WX_ERR } from '../wechat.errors';

const opts = { appId: 'wxstabletest00000', secret: 'stable-secret' };

describe('the fake WeChat’s getStableAccessToken (POST /cgi-bin/stable_token)', () => {
  let fake: Awaited<ReturnType<typeof startFakeWechat>>;
  const post = async (body: unknown) => (await fetch(`${fake.url}/cgi-bin/stable_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  const ok = { grant_type: 'client_credential', appid: opts.appId, secret: opts.secret };

  beforeEach(async () => {
    fake = await startFakeWechat(opts);
  });
  afterEach(async () => {
    await fake.app.close();
  });

  it('should hand back the same token in normal mode while it is valid', async () => {
    const a = await post(ok);
    const b = await post({ ...ok, force_refresh: false });
    expect(a.access_token).toMatch(/^[0-9a-f]{48}$/);
    expect(b.access_token).toBe(a.access_token);
    expect(a.expires_in).toBeGreaterThan(7100);
    expect(b.expires_in).toBeLessThanOrEqual(a.expires_in);
  });

  it('should renew in the last 5 minutes and keep the old token valid meanwhile', async () => {
    const a = await post(ok);
    fake.state.stable!.expiresAt = Date.now() + 200_000;
    const b = await post(ok);
    expect(b.access_token).not.toBe(a.access_token);
    expect(b.expires_in).toBeGreaterThan(7100);
    expect(fake.state.tokens.has(a.access_token)).toBe(true);
  });

  it('should invalidate the previous token on force_refresh, but not twice within 30 s', async () => {
    const a = await post(ok);
    const b = await post({ ...ok, force_refresh: true });
    expect(b.access_token).not.toBe(a.access_token);
    expect(fake.state.tokens.has(a.access_token)).toBe(false);
    const c = await post({ ...ok, force_refresh: true });
    expect(c.access_token).toBe(b.access_token);
  });

  it('should refuse a 21st forced refresh in a day with 45009', async () => {
    fake.state.forcedRefreshes = Array.from({ length: 20 }, (_, i) => Date.now() - 3600_000 + i * 60_000);
    expect(await post({ ...ok, force_refresh: true })).toEqual({ errcode: WX_ERR.QR_LIMIT, errmsg: 'reach max api daily quota limit' });
  });

  it('should answer the documented errcodes for a GET and bad credentials', async () => {
    expect((await (await fetch(`${fake.url}/cgi-bin/stable_token?grant_type=client_credential`)).json()).errcode).toBe(WX_ERR.REQUIRE_POST);
    expect((await post({ ...ok, grant_type: 'password' })).errcode).toBe(WX_ERR.INVALID_GRANT_TYPE);
    expect((await post({ ...ok, appid: undefined })).errcode).toBe(WX_ERR.MISSING_APPID);
    expect((await post({ ...ok, appid: 'wxother' })).errcode).toBe(WX_ERR.INVALID_APPID);
    expect((await post({ ...ok, secret: undefined })).errcode).toBe(WX_ERR.MISSING_APPSECRET);
    expect((await post({ ...ok, secret: 'wrong' })).errcode).toBe(WX_ERR.INVALID_APPSECRET);
    expect((await post({ ...ok, force_refresh: 'yes' })).errcode).toBe(WX_ERR.INVALID_ARGS);
  });

  it('should accept its tokens on the other APIs, as /cgi-bin/token’s are', async () => {
    const { access_token } = await post(ok);
    const res = await fetch(`${fake.url}/wxa/msg_sec_check?access_token=${access_token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 2, scene: 2, openid: 'oabc', content: '你好' }) });
    expect((await res.json()).errcode).toBe(0);
  });
});
