import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import type { DataSource } from 'typeorm';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The pages the mini-program really has: `client/app.config.ts` evaluated as WeChat's build would read it. */
export function appPages(): Set<string> {
  const source = fs.readFileSync(path.join(ROOT, 'client', 'app.config.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const mod = { exports: {} as any };
  new Function('module', 'exports', 'defineAppConfig', js)(mod, mod.exports, (c: unknown) => c);
  const config = mod.exports.default as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
  const pages = new Set(config.pages.map((p) => `/${p}`));
  for (const sp of config.subPackages) for (const p of sp.pages) pages.add(`/${sp.root}/${p}`);
  return pages;
}

/** Every notification link written so far, checked against the app's pages. */
export async function unknownNotificationLinks(ds: DataSource): Promise<string[]> {
  const pages = appPages();
  const rows: Array<{ link: string | null }> = await ds.query('SELECT DISTINCT link FROM notifications WHERE link IS NOT NULL');
  return rows.map((r) => r.link!).filter((l) => !pages.has(l.split('?')[0]));
}
