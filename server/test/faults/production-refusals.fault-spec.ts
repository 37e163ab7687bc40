import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');
const PROD = { NODE_ENV: 'production', JWT_SECRET: 'a-private-secret-for-tests', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', DATABASE_URL: 'mysql://u:p@127.0.0.1:1/none', PORT: '0' };

function start(env: Record<string, string | undefined>) {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: npm run build:server');
  const clean = Object.fromEntries(Object.entries({ PATH: process.env.PATH, ...env }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return spawnSync(process.execPath, [MAIN], { env: clean, encoding: 'utf8', timeout: 20_000, cwd: '/' });
}

describe('the built server refuses unsafe production settings', () => {
  it('should refuse to start in production with demo mode on', () => {
    const r = start({ ...PROD, DEMO_MODE: 'true' });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('DEMO_MODE');
  });

  it('should refuse to start in production with the default JWT secret or none', () => {
    const d = start({ ...PROD, JWT_SECRET: 'linli-demo-secret-change-me' });
    expect(d.status).toBe(78);
    expect(d.stderr).toContain('JWT_SECRET');
    const none = start({ ...PROD, JWT_SECRET: undefined });
    expect(none.status).toBe(78);
  });

  it('should refuse to start in production while any subscribe-message purpose still has a demo template id', () => {
    const r = start(PROD);
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('WECHAT_TEMPLATES');
    expect(r.stderr).toContain('still demo ids: ticket_progress');
  });
});
