import * as fs from 'fs';
import * as path from 'path';
import { link, ROUTES } from '@linli/domain';
import { appPages } from '../../test/utils/app-pages';

/**
 * Deep links (notifications, subscribe messages) are built only from the typed route table. These two checks
 * together mean the server cannot emit a link to a page the mini-program does not have.
 */
describe('deep links', () => {
  it('should list in client/app.config.ts every page of the route table', () => {
    const pages = appPages();
    const missing = Object.entries(ROUTES).filter(([, p]) => !pages.has(p));
    expect(missing).toEqual([]);
    expect(pages.size).toBeGreaterThanOrEqual(Object.keys(ROUTES).length);
  });

  it('should build every link in server code through link(), never as a page-path string', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        // The fake WeChat server answers as WeChat does (its default page is WeChat's, not a link of ours).
        if (e.isDirectory()) {
          if (e.name !== 'fake') walk(p);
        }
        else if (/\.ts$/.test(e.name) && !/\.spec\.ts$/.test(e.name)) {
          fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
            if (/['"`]\/?(pages|packages)\/[a-z-]+\/(pages\/)?[a-z-]+/.test(line)) offenders.push(`${path.relative(path.join(__dirname, '..'), p)}:${i + 1}`);
          });
        }
      }
    };
    walk(path.join(__dirname, '..'));
    expect(offenders).toEqual([]);
  });

  it('should put the query after the page path', () => {
    expect(link('serviceDetail', { id: 42 })).toBe('/packages/service/pages/detail/index?id=42');
    expect(link('wishes')).toBe('/pages/wishes/index');
  });
});
