import { ConfigError, DEMO_JWT_SECRET, loadConfig } from './app.config';
import { TEMPLATE_PURPOSES } from '../modules/notifications/templates';

const REAL_TEMPLATES = JSON.stringify(Object.fromEntries(TEMPLATE_PURPOSES.map((p) => [p, `real-${p}`])));

describe('loadConfig', () => {
  const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-some-length', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', DATABASE_URL: 'mysql://u:p@db:3306/linli', WECHAT_TEMPLATES: REAL_TEMPLATES };

  it('should start in demo mode on SQLite with no settings at all', () => {
    const c = loadConfig({});
    expect(c.demoMode).toBe(true);
    expect(c.database.type).toBe('sqlite');
    expect(c.port).toBe(3000);
    expect(c.wechat.apiBase).toBeNull();
  });

  it('should refuse to start in production with demo mode on', () => {
    expect(() => loadConfig({ ...prod, DEMO_MODE: 'true' })).toThrow(ConfigError);
  });

  it('should never be in demo mode in production even when DEMO_MODE is unset', () => {
    expect(loadConfig(prod).demoMode).toBe(false);
  });

  it('should refuse a missing or default JWT secret in production', () => {
    expect(() => loadConfig({ ...prod, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...prod, JWT_SECRET: DEMO_JWT_SECRET })).toThrow(/JWT_SECRET/);
  });

  it('should refuse production without WeChat credentials or a database URL', () => {
    expect(() => loadConfig({ ...prod, WECHAT_SECRET: undefined })).toThrow(/WECHAT/);
    expect(() => loadConfig({ ...prod, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
  });

  it('should use an explicitly set WECHAT_API_BASE in every mode, demo included', () => {
    expect(loadConfig({ DEMO_MODE: 'true', WECHAT_API_BASE: 'http://127.0.0.1:9999' }).wechat.apiBase).toBe('http://127.0.0.1:9999');
    expect(loadConfig({ ...prod, WECHAT_API_BASE: 'http://wx.internal:8080' }).wechat.apiBase).toBe('http://wx.internal:8080');
    expect(loadConfig(prod).wechat.apiBase).toBe('https://api.weixin.qq.com');
  });

  it('should name the bad variable when a value is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('should treat an empty variable as unset', () => {
    expect(loadConfig({ WECHAT_APPID: '', WECHAT_SECRET: '' }).wechat.credentialsConfigured).toBe(false);
  });

  it('should read the flow rules, templates and migrate switch with their defaults', () => {
    const c = loadConfig({});
    expect(c.tickets.checkinRadiusMetres).toBe(150);
    expect(c.open311.jurisdictionId).toBe('linli.caohu');
    expect(c.migrateOnStart).toBe(false);
    expect(c.wechat.templates.ticket_progress.id).toBe('demo-tpl-ticket-progress');
    const set = loadConfig({ TICKET_CHECKIN_RADIUS_M: '80', OPEN311_JURISDICTION: 'xc.suzhou', MIGRATE_ON_START: 'true', WECHAT_TEMPLATES: '{"wish_confirmed":"tpl-real","invite_accepted":{"id":"tpl-inv","keys":{"name1":"name","thing2":"thing"}}}' });
    expect(set.tickets.checkinRadiusMetres).toBe(80);
    expect(set.open311.jurisdictionId).toBe('xc.suzhou');
    expect(set.migrateOnStart).toBe(true);
    expect(set.wechat.templates).toMatchObject({ wish_confirmed: { id: 'tpl-real', keys: { thing1: 'thing', phrase2: 'phrase' } }, invite_accepted: { id: 'tpl-inv', keys: { name1: 'name', thing2: 'thing' } }, ticket_progress: { id: 'demo-tpl-ticket-progress' } });
  });

  it('should refuse a check-in radius, jurisdiction or migrate switch that is not one', () => {
    expect(() => loadConfig({ TICKET_CHECKIN_RADIUS_M: 'near' })).toThrow(/TICKET_CHECKIN_RADIUS_M/);
    expect(() => loadConfig({ TICKET_CHECKIN_RADIUS_M: '0' })).toThrow(/TICKET_CHECKIN_RADIUS_M/);
    expect(() => loadConfig({ OPEN311_JURISDICTION: 'has spaces' })).toThrow(/OPEN311_JURISDICTION/);
    expect(() => loadConfig({ MIGRATE_ON_START: 'maybe' })).toThrow(/MIGRATE_ON_START/);
  });

  it('should refuse WECHAT_TEMPLATES that is not JSON, names an unknown purpose or gives an empty id', () => {
    expect(() => loadConfig({ WECHAT_TEMPLATES: '{ticket_progress: x}' })).toThrow(/WECHAT_TEMPLATES.*not valid JSON/);
    expect(() => loadConfig({ WECHAT_TEMPLATES: '{"ticket_progres":"x"}' })).toThrow(/unknown purpose "ticket_progres"/);
    expect(() => loadConfig({ WECHAT_TEMPLATES: '{"wish_confirmed":""}' })).toThrow(/wish_confirmed/);
    expect(() => loadConfig({ WECHAT_TEMPLATES: '{"wish_confirmed":{"id":"t","keys":{"thing1":"text"}}}' })).toThrow(/key "thing1" of "wish_confirmed"/);
    expect(() => loadConfig({ WECHAT_TEMPLATES: '{"wish_confirmed":{"id":"t","keys":{}}}' })).toThrow(/keys for "wish_confirmed"/);
    expect(() => loadConfig({ WECHAT_TEMPLATES: '["x"]' })).toThrow(ConfigError);
  });

  it('should refuse demo template ids in production, naming the purposes still on them', () => {
    expect(() => loadConfig({ ...prod, WECHAT_TEMPLATES: undefined })).toThrow(/WECHAT_TEMPLATES.*ticket_progress/);
    expect(() => loadConfig({ ...prod, WECHAT_TEMPLATES: '{"ticket_progress":"real-1"}' })).toThrow(/still demo ids: task_assigned/);
    expect(loadConfig(prod).wechat.templates.invite_accepted.id).toBe('real-invite_accepted');
  });

  it('should refuse an invalid WISH_* rule naming it', () => {
    expect(() => loadConfig({ WISH_CLAIM_LIMIT: '0' })).toThrow(/WISH_CLAIM_LIMIT/);
    expect(() => loadConfig({ WISH_VALUE_CAP: 'lots' })).toThrow(/WISH_VALUE_CAP/);
  });
  it('should listen on 0.0.0.0 unless HOST says otherwise, and refuse a HOST that is no address', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(() => loadConfig({ HOST: 'http://x/' })).toThrow(/HOST/);
  });

  it('should trust no proxy by default, read TRUST_PROXY as addresses and CIDRs, and refuse anything else (true included)', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']);
    for (const bad of ['true', '*', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/2']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });
});
