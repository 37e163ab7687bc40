import { DataSource } from 'typeorm';
import { seedDemoContent } from '../../src/database/seeds/demo-content.seed';
import { client } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

/** `npm start`'s demo matters: filed through the lifecycle, dated from today, so the board has real rates and a trend. */
describe('the demo’s matters', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    ds = t.dataSource;
  });
  afterAll(async () => t?.close());

  it('should file about ten tickets in different states across communities, once', async () => {
    expect(await seedDemoContent(t.app)).toBe(11);
    expect(await seedDemoContent(t.app)).toBe(0);
    const rows: Array<{ status: string; communityId: number; n: number }> = await ds.query('SELECT status, communityId, COUNT(*) AS n FROM tickets GROUP BY status, communityId');
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['rated', 'closed', 'on_site', 'resolved', 'rejected', 'submitted', 'dispatched']));
    expect(new Set(rows.map((r) => Number(r.communityId))).size).toBeGreaterThanOrEqual(4);
    const newest = await ds.query('SELECT MIN(createdAt) AS first, MAX(createdAt) AS last FROM tickets');
    const days = (Date.now() - new Date(newest[0].first).getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(17);
    expect(days).toBeLessThan(19);
    expect(Date.now() - new Date(newest[0].last).getTime()).toBeLessThan(86_400_000);
  });

  it('should leave timelines, audit rows and status counters as real use would', async () => {
    const events = await ds.query("SELECT COUNT(*) AS n FROM ticket_events WHERE action <> 'submit'");
    const audits = await ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE entityType = 'ticket' AND action <> 'ticket.submit'");
    expect(Number(events[0].n)).toBeGreaterThan(30);
    expect(Number(audits[0].n)).toBe(Number(events[0].n));
    const kept = await ds.query('SELECT communityId, status, n FROM ticket_status_counts WHERE n <> 0 ORDER BY communityId, status');
    const counted = await ds.query('SELECT communityId, status, COUNT(*) AS n FROM tickets GROUP BY communityId, status ORDER BY communityId, status');
    expect(kept.map((r: any) => [Number(r.communityId), r.status, Number(r.n)])).toEqual(counted.map((r: any) => [Number(r.communityId), r.status, Number(r.n)]));
    // Every step is dated after the one before it.
    const out = await ds.query('SELECT ticketId, createdAt FROM ticket_events ORDER BY ticketId, id');
    for (let i = 1; i < out.length; i++) if (out[i].ticketId === out[i - 1].ticketId) expect(new Date(out[i].createdAt).getTime()).toBeGreaterThanOrEqual(new Date(out[i - 1].createdAt).getTime());
  });

  it('should give the public board real rates and a trend over several days', async () => {
    const board = (await client(t.url).get('/api/service/board')).body;
    expect(board.overall.total).toBe(11);
    expect(board.overall.responseRate).toBeGreaterThan(50);
    expect(board.overall.resolutionRate).toBeGreaterThan(0);
    expect(board.overall.resolutionRate).toBeLessThan(100); // the charger was reopened
    expect(board.overall.satisfactionRate).toBe(100);
    expect(board.trend.filter((d: any) => d.filed > 0).length).toBeGreaterThanOrEqual(8);
    expect(board.trend.filter((d: any) => d.resolved > 0).length).toBeGreaterThanOrEqual(4);
  });
});
