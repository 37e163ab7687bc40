import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { seedDemoContent } from '../../src/database/seeds/demo-content.seed';
import { boardVersusOracle, rollupsKeptAndCounted } from '../utils/board-oracle';
import { client, demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const HOUR = 3_600_000;

/**
 * The public 三率 board reads `ticket_rollups`, which every filing and status change moves in its own transaction.
 * Random walks of real HTTP actions (filing at points with and without a worker on duty, every move the viewer is
 * offered, hours passing between them so days, SLAs and handling times vary) must leave the rollups equal to one
 * GROUP BY over the tickets, and the board equal to the old computation that read every ticket.
 */
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261203) });

describe('public board from rollups', () => {
  let t: TestApp;
  let ds: DataSource;
  let clock: Clock;
  let actors: Array<Awaited<ReturnType<typeof demoLogin>>>;
  let scenes: string[];
  let categoryIds: number[];
  const filed: number[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.dataSource;
    clock = t.get<Clock>(Clock);
    actors = await Promise.all(['resident', 'grid_worker', 'admin'].map((p) => demoLogin(t.url, p)));
    const worker = actors[1].user.id;
    // Points whose grid the demo grid worker answers for (filed, accepted and dispatched at once) and points whose
    // grid has no one on duty (they wait for 受理 and a dispatch by hand).
    const manned = await ds.query('SELECT p.scene FROM points p JOIN grids g ON g.id = p.gridId WHERE g.workerId = ? ORDER BY p.id LIMIT 3', [worker]);
    const unmanned = await ds.query('SELECT p.scene FROM points p JOIN grids g ON g.id = p.gridId WHERE g.workerId IS NULL ORDER BY p.id LIMIT 3');
    scenes = [...manned, ...unmanned].map((r: any) => r.scene);
    expect(manned.length).toBeGreaterThan(0);
    categoryIds = (await client(t.url).get('/api/service/categories')).body.map((c: any) => c.id);
  });
  afterAll(async () => {
    clock?.reset();
    await t?.close();
  });

  const expectInStep = async () => {
    const { kept, counted } = await rollupsKeptAndCounted(ds);
    expect(counted.length).toBeGreaterThan(0);
    expect(kept).toEqual(counted);
    for (const { q, served, oracle } of await boardVersusOracle(t.url, ds)) expect({ q, board: served }).toEqual({ q, board: oracle });
  };

  it('should start with rollups equal to the demo tickets and a board equal to reading every ticket', async () => {
    expect(await seedDemoContent(t.app)).toBeGreaterThan(5);
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM tickets');
    expect(Number(n)).toBeGreaterThan(5);
    await expectInStep();
  });

  it('should keep rollups and board in step through random filings and moves over days', async () => {
    const command = fc.record({
      file: fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
      scene: fc.nat(),
      category: fc.nat(),
      ticket: fc.nat(),
      actor: fc.integer({ min: 0, max: 2 }),
      action: fc.nat(),
      rating: fc.integer({ min: 1, max: 5 }),
      hours: fc.integer({ min: 0, max: 30 }),
    });
    let moved = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 22 }), async (cmds) => {
        for (const c of cmds) {
          clock.advance(c.hours * HOUR + 7 * 60_000);
          if (c.file || filed.length < 3) {
            const res = await actors[0].api.post('/api/service/tickets', {
              scene: scenes[c.scene % scenes.length],
              categoryId: categoryIds[c.category % categoryIds.length],
              description: `随机检查的问题 ${filed.length + 1}`,
              contactName: '张秀英',
              contactPhone: '13812341234',
              attributes: {},
            });
            expect([201, 422]).toContain(res.status);
            if (res.status === 201) filed.push(res.body.id);
            continue;
          }
          const id = filed[c.ticket % filed.length];
          // The first of resident, grid worker and admin (starting from a random one) who is offered a move.
          let actor = actors[c.actor];
          let offered: string[] = [];
          for (let k = 0; k < actors.length && !offered.length; k++) {
            actor = actors[(c.actor + k) % actors.length];
            offered = ((await actor.api.get(`/api/service/tickets/${id}`)).body.actions ?? []).map((a: any) => a.action);
          }
          if (!offered.length) continue;
          const action = offered[c.action % offered.length];
          const [pt] = await ds.query('SELECT p.scene FROM tickets t LEFT JOIN points p ON p.id = t.pointId WHERE t.id = ?', [id]);
          const body = {
            note: '随机检查',
            rating: c.rating,
            workerId: actors[1].user.id,
            targetId: filed[(c.ticket + 1) % filed.length],
            ...(action === 'check_in' && pt?.scene ? { scene: pt.scene } : {}),
          };
          const res = await actor.api.post(`/api/service/tickets/${id}/actions/${action}`, body);
          expect(res.status).toBeLessThan(500);
          if (res.status < 300) moved++;
        }
        await expectInStep();
      }),
      { numRuns: 5 },
    );
    expect(moved).toBeGreaterThan(40);
    const statuses = await ds.query('SELECT DISTINCT status FROM tickets');
    expect(statuses.length).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it('should refuse a period over a year or backwards, naming the field', async () => {
    const back = await client(t.url).get('/api/service/board?from=2026-02-01&to=2026-01-01');
    expect(back.status).toBe(422);
    expect(back.body.fields.from).toBeDefined();
    expect((await client(t.url).get('/api/service/board?from=2024-01-01&to=2026-01-01')).status).toBe(422);
  });

  it('should count the default period from the start of its first day, 31 days to today', async () => {
    const res = await client(t.url).get('/api/service/board');
    expect(res.status).toBe(200);
    expect(res.body.trend).toHaveLength(31);
    expect(new Date(res.body.period.from).getTime() % (24 * HOUR)).toBe(16 * HOUR); // 00:00 in Shanghai
  });
});
