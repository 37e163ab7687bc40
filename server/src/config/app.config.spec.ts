import { ConfigError, DEMO_JWT_SECRET, loadConfig } from './app.config';

describe('loadConfig', () => {
  const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-some-length', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', DATABASE_URL: 'mysql://u:p@db:3306/linli' };

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
});
