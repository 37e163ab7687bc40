import * as fs from 'fs';
import * as path from 'path';

const SRC = __dirname;
const MODULES = path.join(SRC, 'modules');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** feature folder → the other feature folders its files import from */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of fs.readdirSync(MODULES)) {
    const deps = new Set<string>();
    for (const file of sources(path.join(MODULES, folder))) {
      for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = path.relative(MODULES, path.resolve(path.dirname(file), spec)).split(path.sep);
        if (target[0] !== '..' && target[0] !== folder) deps.add(target[0]);
      }
    }
    graph.set(folder, deps);
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>, allowed: Set<string>): string[] {
  const found: string[] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (allowed.has(`${node} -> ${next}`)) continue;
      if (trail.includes(next)) found.push([...trail.slice(trail.indexOf(next)), next].join(' -> '));
      else visit(next, [...trail, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return [...new Set(found)];
}

describe('the module graph', () => {
  it('should keep @Global() for infrastructure only (config and clock, database)', () => {
    const global = sources(SRC).filter((f) => /@Global\(\)/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(global.sort()).toEqual(['config/config.module.ts', 'database/database.module.ts']);
  });

  it('should have feature folders that depend on each other one way only', () => {
    // Still open: ledger reads the wish tables (volunteer id numbers, the wish a credit came from) while wishes
    // credit hours through LedgerService. Remove this line when the ledger no longer imports wishes' entities.
    const knownOpen = new Set(['ledger -> wishes']);
    expect(cycles(folderGraph(), knownOpen)).toEqual([]);
  });

  it('should keep users the bottom layer and places free of flows', () => {
    const graph = folderGraph();
    expect([...graph.get('users')!].sort()).toEqual(['audit']);
    expect([...graph.get('places')!].sort()).toEqual(['audit', 'uploads', 'users', 'wechat']);
  });

  it('should notice a cycle (self-check)', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['a'])]]);
    expect(cycles(graph, new Set())).toEqual(expect.arrayContaining(['a -> b -> a']));
    expect(cycles(graph, new Set(['b -> a']))).toEqual([]);
  });
});
