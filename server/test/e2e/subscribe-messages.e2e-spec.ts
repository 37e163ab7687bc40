import { DataSource } from 'typeorm';
import { link, ROUTES } from '@linli/domain';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app.config';
import { TransactionService } from '../../src/database/transaction.service';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { Notification, SubscriptionGrant } from '../../src/modules/notifications/notification.entities';
import { PUSH_JOB } from '../../src/modules/notifications/notifications.jobs';
import { NotificationsService, NotifyInput } from '../../src/modules/notifications/notifications.service';
import { DEFAULT_TEMPLATES, TEMPLATE_PURPOSES, TemplatePurpose } from '../../src/modules/notifications/templates';
import { WX_ERR } from '../../src/modules/wechat/wechat.errors';
import { demoLogin } from '../utils/http';
import { startTestApp, TestApp } from '../utils/test-app';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** 40 characters with emoji across the 20th code point, and a surrogate pair at the 20th UTF-16 unit */
const TITLE_40 = '漕湖花园六区🏠东门口路灯不亮了晚上🌙出行很不方便希望尽快修好谢谢🙏大家的关心与帮助';
const HOSTILE: Record<string, string> = {
  thing: TITLE_40,
  phrase: '已签收😀并处理中',
  name: '欧阳👩‍🔧娜娜娜娜娜娜娜娜娜',
  character_string: 'MSB-20261203-0001-这是一段很长的编号🏠ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  time: '2026-12-03T07:30:00.000Z',
  date: '2026-12-03T07:30:00.000Z',
};

function meetsLimit(type: string, value: string): boolean {
  const n = Array.from(value).length;
  if (LONE_SURROGATE.test(value) || !value) return false;
  switch (type) {
    case 'thing':
      return n <= 20;
    case 'phrase':
      return n <= 5 && /^\p{Script=Han}+$/u.test(value);
    case 'name':
      return n <= 10;
    case 'character_string':
      return n <= 32 && /^[\x21-\x7e]+$/.test(value);
    case 'time':
      return /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}$/.test(value);
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日$/.test(value);
    default:
      return n <= 20;
  }
}

describe('subscribe messages over HTTP', () => {
  let t: TestApp;
  let notifications: NotificationsService;
  let jobs: JobsService;
  let clock: Clock;
  let ds: DataSource;
  let resident: Awaited<ReturnType<typeof demoLogin>>;
  let templates: Record<TemplatePurpose, string>;

  beforeAll(async () => {
    t = await startTestApp();
    notifications = t.get(NotificationsService);
    jobs = t.get(JobsService);
    clock = t.get(Clock);
    ds = t.get(DataSource);
    resident = await demoLogin(t.url, 'resident');
    templates = (await resident.api.get('/api/notifications/templates')).body;
  });
  afterAll(async () => {
    clock?.reset();
    await t?.close();
  });

  const notify = (input: NotifyInput) => t.get(TransactionService).run((em) => notifications.notify(em, [resident.user.id], input));
  const latest = () => ds.getRepository(Notification).findOneOrFail({ where: { userId: resident.user.id }, order: { id: 'DESC' } });
  const remaining = async (purpose: TemplatePurpose) =>
    (await ds.getRepository(SubscriptionGrant).findOneBy({ userId: resident.user.id, templateId: templates[purpose] }))?.remaining ?? 0;
  const run = async () => {
    // the after-commit flush may be running; the job joins it, then runs once more on its own
    await notifications.flush();
    return jobs.runNow(PUSH_JOB);
  };

  it('should list every purpose with its template id, and the grants per purpose', async () => {
    expect(Object.keys(templates).sort()).toEqual([...TEMPLATE_PURPOSES].sort());
    expect(templates.invite_accepted).toBe(DEFAULT_TEMPLATES.invite_accepted.id);
    await resident.api.post('/api/notifications/subscriptions', { accepted: [templates.wish_confirmed, templates.wish_confirmed] });
    const res = await resident.api.get('/api/notifications/subscriptions');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(TEMPLATE_PURPOSES.length);
    expect(res.body.items.find((i: any) => i.purpose === 'wish_confirmed')).toEqual({ purpose: 'wish_confirmed', templateId: templates.wish_confirmed, remaining: 1 });
    expect(res.body.items.find((i: any) => i.purpose === 'event_signup').remaining).toBe(0);
  });

  it('should retry a system-busy and a bad-token answer with backoff, then send once and use one grant', async () => {
    await resident.api.post('/api/notifications/subscriptions', { accepted: [templates.ticket_progress] });
    await resident.api.post('/api/notifications/subscriptions', { accepted: [templates.ticket_progress] });
    expect(await remaining('ticket_progress')).toBe(2);
    const before = t.wechat.state.sent.length;
    // -1, then 40001 twice (the client refreshes the token once by itself, so the second 40001 reaches the job)
    t.wechat.state.sendFailures.push(WX_ERR.SYSTEM_BUSY, WX_ERR.INVALID_CREDENTIAL, WX_ERR.INVALID_CREDENTIAL);
    await notify({ kind: 'test.progress', title: '工单 MSB-1 已签收', body: '已签收', link: link('serviceDetail', { id: 1 }), purpose: 'ticket_progress', templateData: { character_string1: 'MSB-1', phrase2: '已签收' } });
    await run();
    let n = await latest();
    expect(n.pushStatus).toBe('pending');
    expect(n.pushAttempts).toBe(1);
    expect(n.pushError).toContain('-1');
    expect(n.pushNextAt!.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(await remaining('ticket_progress')).toBe(2); // the grant came back

    await run(); // not due yet
    expect((await latest()).pushAttempts).toBe(1);

    clock.advance(31_000);
    await run();
    n = await latest();
    expect(n.pushStatus).toBe('pending');
    expect(n.pushAttempts).toBe(2);
    expect(n.pushError).toContain('40001');
    expect(n.pushNextAt!.getTime() - clock.now().getTime()).toBeGreaterThan(31_000); // the wait doubles

    clock.advance(61_000);
    await run();
    n = await latest();
    expect(n.pushStatus).toBe('sent');
    expect(n.pushAttempts).toBe(3);
    expect(t.wechat.state.sent.length - before).toBe(1);
    expect(t.wechat.state.sent[t.wechat.state.sent.length - 1]).toMatchObject({ template_id: templates.ticket_progress, page: 'packages/service/pages/detail/index?id=1' });
    expect(await remaining('ticket_progress')).toBe(1);
    const centre = await resident.api.get('/api/notifications');
    expect(centre.body.items[0]).toMatchObject({ id: String(n.id), push: 'sent' });
  });

  it('should stop at once on 43101 and not try again', async () => {
    expect(await remaining('ticket_progress')).toBe(1);
    const before = t.wechat.state.sent.length;
    const callsBefore = t.wechat.state.calls.filter((c) => c.api === 'subscribe.send').length;
    t.wechat.state.sendFailures.push(WX_ERR.USER_REFUSED);
    await notify({ kind: 'test.progress', title: '工单 MSB-2 已办结', body: '已办结', purpose: 'ticket_progress', templateData: { character_string1: 'MSB-2', phrase2: '已办结' } });
    await run();
    const n = await latest();
    expect(n.pushStatus).toBe('failed');
    expect(n.pushError).toContain('43101');
    expect(n.pushNextAt).toBeNull();
    expect(await remaining('ticket_progress')).toBe(0); // WeChat holds no subscription: our count follows
    clock.advance(3600_000);
    await run();
    expect((await latest()).pushAttempts).toBe(1);
    expect(t.wechat.state.calls.filter((c) => c.api === 'subscribe.send').length - callsBefore).toBe(1);
    expect(t.wechat.state.sent.length).toBe(before);
    expect((await resident.api.get('/api/notifications')).body.items[0].push).toBe('not_sent');
  });

  it('should give up at once on another permanent code and keep the grant', async () => {
    await resident.api.post('/api/notifications/subscriptions', { accepted: [templates.event_signup] });
    t.wechat.state.sendFailures.push(WX_ERR.INVALID_TEMPLATE_ID);
    await notify({ kind: 'test.signup', title: '报名成功', body: '报名成功', purpose: 'event_signup' });
    await run();
    expect((await latest()).pushStatus).toBe('failed');
    expect(await remaining('event_signup')).toBe(1);
  });

  it('should use each grant once: one accept, one message', async () => {
    await resident.api.post('/api/notifications/subscriptions', { accepted: [templates.event_reminder] });
    const before = t.wechat.state.sent.length;
    for (const when of ['24 小时后', '1 小时后']) {
      await notify({ kind: 'test.reminder', title: `活动${when}开始`, body: '请准时参加', purpose: 'event_reminder', templateData: { thing1: '敬老院探访', time2: new Date().toISOString(), thing3: when } });
      await run();
    }
    expect(t.wechat.state.sent.length - before).toBe(1);
    const rows = await ds.getRepository(Notification).find({ where: { userId: resident.user.id, kind: 'test.reminder' }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.pushStatus, r.pushError])).toEqual([
      ['sent', null],
      ['skipped', 'not granted'],
    ]);
    expect(await remaining('event_reminder')).toBe(0);
  });

  it('should send every value within its key type’s limit, with emoji and 40-character titles, and a real page', async () => {
    await resident.api.post('/api/notifications/subscriptions', { accepted: TEMPLATE_PURPOSES.slice(0, 5).map((p) => templates[p]) });
    await resident.api.post('/api/notifications/subscriptions', { accepted: TEMPLATE_PURPOSES.slice(5).map((p) => templates[p]) });
    const before = t.wechat.state.sent.length;
    for (const purpose of TEMPLATE_PURPOSES) {
      const keys = DEFAULT_TEMPLATES[purpose].keys as Record<string, string>;
      await notify({
        kind: `test.${purpose}`,
        title: TITLE_40,
        body: TITLE_40,
        link: link('eventDetail', { id: 42 }),
        purpose,
        // every key hostile, except one thing left empty so the title fills it
        templateData: Object.fromEntries(Object.entries(keys).map(([k, type]) => [k, HOSTILE[type] ?? TITLE_40]).filter(([k]) => k !== 'thing3')),
      });
    }
    await run();
    const sent = t.wechat.state.sent.slice(before);
    expect(sent.map((s) => s.template_id).sort()).toEqual(TEMPLATE_PURPOSES.map((p) => templates[p]).sort());
    const pages = new Set(Object.values(ROUTES).map((r) => r.slice(1)));
    for (const s of sent) {
      const purpose = TEMPLATE_PURPOSES.find((p) => templates[p] === s.template_id)!;
      const keys = DEFAULT_TEMPLATES[purpose].keys as Record<string, string>;
      const data = s.data as Record<string, { value: string }>;
      expect(Object.keys(data).sort()).toEqual(Object.keys(keys).sort());
      for (const [key, type] of Object.entries(keys)) {
        if (!meetsLimit(type, data[key].value)) throw new Error(`${purpose}.${key} (${type}) = ${JSON.stringify(data[key].value)}`);
      }
      expect(pages.has(s.page!.split('?')[0])).toBe(true);
      expect(s.page).toBe(`${ROUTES.eventDetail.slice(1)}?id=42`);
    }
    const reminder = sent.find((s) => s.template_id === templates.event_reminder)!.data as Record<string, { value: string }>;
    expect(reminder.thing1.value).toBe(Array.from(TITLE_40).slice(0, 20).join(''));
    expect(reminder.time2.value).toBe('2026年12月3日 15:30');
    const progress = sent.find((s) => s.template_id === templates.ticket_progress)!.data as Record<string, { value: string }>;
    expect(progress.phrase2.value).toBe('已签收并处');
  });

  it('should refuse demo template ids in production', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-private-secret-for-tests', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', DATABASE_URL: 'mysql://u:p@127.0.0.1:1/none' };
    expect(() => loadConfig(prod)).toThrow(/WECHAT_TEMPLATES/);
    expect(() => loadConfig({ ...prod, WECHAT_TEMPLATES: JSON.stringify({ ...Object.fromEntries(TEMPLATE_PURPOSES.map((p) => [p, `real-${p}`])), overdue: 'x' }) })).toThrow(/unknown purpose "overdue"/);
    expect(loadConfig({ ...prod, WECHAT_TEMPLATES: JSON.stringify(Object.fromEntries(TEMPLATE_PURPOSES.map((p) => [p, `real-${p}`]))) }).wechat.templates.ticket_progress.id).toBe('real-ticket_progress');
  });
});
