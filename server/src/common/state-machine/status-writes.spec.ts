import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Statuses change only through the lifecycle layer (`Lifecycle.transition`). This walks the feature modules and
 * refuses any line that writes a status by hand: `status: 'x'` outside a `where`, `.set({ status… })`, or
 * `status = 'x'`. Reading by status (`where: { status: 'resolved' }`, `WHERE status = 'claimed'`, `CASE WHEN status = 'reopened'`) is fine.
 */
const MODULES = path.join(__dirname, '..', '..', 'modules');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.(spec|entities|entity|dto)\.ts$/.test(e.name) ? [p] : [];
  });
}

export function statusWrites(files: string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        const reads = /where|WHERE|WHEN|find\(|findOne|In\(/.test(code);
        const literal = /\bstatus\s*:\s*['"`][a-z_]+['"`]/.test(code) && !reads;
        const setter = /\.set\(\{[^}]*\bstatus\b/.test(code);
        const assignment = /(^|[^.\w'"])status\s*=\s*['"`][a-z_]+['"`]/.test(code) && !reads;
        if (literal || setter || assignment) out.push(`${path.relative(MODULES, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

describe('status changes', () => {
  it('should find no status written by hand in server/src/modules (only common/state-machine writes one)', () => {
    const files = sourceFiles(MODULES);
    expect(files.length).toBeGreaterThan(30);
    expect(statusWrites(files)).toEqual([]);
  });

  it('should notice a hand-written status move, so the check above can fail', () => {
    const tmp = path.join(os.tmpdir(), `status-writes-${process.pid}.ts`);
    fs.writeFileSync(tmp, "qb.update(Wish).set({ status: 'claimed' });\nconst x = { status: 'published', at };\nwhere: { status: 'resolved' }\n");
    try {
      expect(statusWrites([tmp]).length).toBe(2);
    } finally {
      fs.rmSync(tmp);
    }
  });
});
