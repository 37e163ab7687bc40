import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TicketAction } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { Actor, SYSTEM } from '../../common/state-machine';
import { TransactionService } from '../transaction.service';
import { Point } from '../../modules/places/place.entities';
import { ServiceCategory, TicketFollower, Ticket } from '../../modules/service-requests/service-request.entities';
import { TicketCatalogue } from '../../modules/service-requests/service-requests.catalogue';
import { TicketLifecycle } from '../../modules/service-requests/service-requests.lifecycle';
import { ServiceRequestsService } from '../../modules/service-requests/service-requests.service';
import { User } from '../../modules/users/user.entity';
import { startFakeWechat } from '../../modules/wechat/fake/fake-wechat';
import { WechatClient } from '../../modules/wechat/wechat.client';
import { seedDemoActivities } from './demo-activities.seed';
import { seedDemoWishes } from './demo-wishes.seed';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Who = 'resident' | 'worker' | 'staff' | 'system';
/** One move `h` hours after filing, by whom, with what. */
type Step = [h: number, action: TicketAction, who: Who, extra?: { note?: string; rating?: number; comment?: string; scene?: boolean }];

/**
 * About ten matters across the communities, filed over the last three weeks and dated from the day of seeding, each
 * carried as far as its story goes through the same lifecycle the app uses — so the timelines, the audit trail, the
 * status counters and the public board (三率 and the trend) are what real use would have left.
 */
const TICKETS: Array<{ daysAgo: number; code: string; scene: string; description: string; attributes?: Record<string, unknown>; steps: Step[]; followers?: boolean }> = [
  { daysAgo: 18, code: 'sanitation', scene: 'hy2-b12', description: '六区12幢北侧垃圾桶满溢，有异味', steps: [[1, 'sign', 'worker'], [2, 'check_in', 'worker', { scene: true }], [4, 'resolve', 'worker', { note: '已联系保洁清运，桶边已冲洗' }], [20, 'confirm', 'resident'], [21, 'rate', 'resident', { rating: 5, comment: '处理很快' }]] },
  { daysAgo: 15, code: 'repair', scene: 'hy1-b03', description: '3幢楼下路灯晚上不亮', attributes: { facility: 'light' }, steps: [[2, 'accept', 'staff'], [2.5, 'dispatch', 'staff'], [3, 'sign', 'worker'], [20, 'check_in', 'worker', { scene: true }], [22, 'resolve', 'worker', { note: '已更换灯头' }], [40, 'confirm', 'resident'], [41, 'rate', 'resident', { rating: 4 }]] },
  { daysAgo: 12, code: 'charging', scene: 'hy2-cdz', description: '3号充电桩扫码后不通电', attributes: { pile_no: '3' }, steps: [[1, 'sign', 'worker'], [3, 'check_in', 'worker', { scene: true }], [5, 'resolve', 'worker', { note: '已重启充电模块' }], [30, 'reopen', 'resident', { note: '第二天又不通电了' }], [31, 'sign', 'worker'], [50, 'check_in', 'worker', { scene: true }], [52, 'resolve', 'worker', { note: '厂家更换了充电模块' }], [70, 'confirm', 'resident'], [71, 'rate', 'resident', { rating: 4, comment: '第二次修好了' }]] },
  { daysAgo: 9, code: 'ebike_indoor', scene: 'hy2-b20', description: '20幢二单元楼道里停了两辆电动车在充电', attributes: { count: 2 }, steps: [[1, 'accept', 'staff'], [1.5, 'dispatch', 'staff'], [6, 'sign', 'worker'], [7, 'check_in', 'worker', { scene: true }], [8, 'resolve', 'worker', { note: '已劝导车主移到充电棚' }], [80, 'confirm', 'system', { note: '办结后 3 天未反馈，系统自动确认' }]] },
  { daysAgo: 7, code: 'dispute', scene: 'ycj-s05', description: '楼上装修噪音，晚上九点后还在施工', steps: [[3, 'accept', 'staff'], [3.5, 'dispatch', 'staff'], [5, 'sign', 'worker'], [26, 'check_in', 'worker', { scene: true }], [27, 'resolve', 'worker', { note: '已上门调解，约定晚八点后停工' }], [50, 'confirm', 'resident'], [51, 'rate', 'resident', { rating: 5, comment: '网格员很耐心' }]] },
  { daysAgo: 5, code: 'high_throw', scene: 'hy2-b12', description: '12幢有人从高层往下扔烟头', steps: [[0.5, 'sign', 'worker'], [2, 'check_in', 'worker', { scene: true }]] },
  { daysAgo: 4, code: 'sanitation', scene: 'hy1-xxqg', description: '体验馆门口绿化带有建筑垃圾', steps: [[2, 'accept', 'staff'], [2.2, 'dispatch', 'staff'], [4, 'sign', 'worker'], [24, 'check_in', 'worker', { scene: true }], [26, 'resolve', 'worker', { note: '已通知物业清运' }]] },
  { daysAgo: 3, code: 'policy', scene: 'wx-center', description: '想咨询城乡居民养老保险怎么续缴', steps: [[4, 'reject', 'staff', { note: '已电话解答，属政策咨询，无需派单' }]] },
  { daysAgo: 2, code: 'sanitation', scene: 'hy2-bench', description: '中心花园座椅旁有狗粪没人清理', steps: [], followers: true },
  { daysAgo: 1, code: 'repair', scene: 'hy2-ljkj', description: '服务站门口台阶瓷砖松动', attributes: { facility: 'other' }, steps: [] },
  { daysAgo: 0.15, code: 'other', scene: 'tb-bridge', description: '汤浜桥头护栏有一段松了', steps: [] },
];

/**
 * Seeds the demo's content right after the places and personas: the matters, the wishes (`demo-wishes.seed.ts`) and
 * the activities (`demo-activities.seed.ts`). Each part is filed once — it does nothing when its table already has
 * rows. Returns how many tickets it filed.
 */
export async function seedDemoContent(app: INestApplicationContext): Promise<number> {
  const tickets = await seedDemoTickets(app);
  await withDemoWechat(app, async () => {
    await seedDemoWishes(app);
    await seedDemoActivities(app);
  });
  return tickets;
}

/**
 * The wishes' texts go through 内容安全 like any recorded wish. `npm start` seeds before the server listens, so the
 * fake WeChat it mounts cannot answer yet: for the seeding, the same fake runs on a port of its own (demo mode
 * only; with a real or configured WeChat the checks go there).
 */
async function withDemoWechat(app: INestApplicationContext, work: () => Promise<void>) {
  const config = app.get<AppConfig>(APP_CONFIG);
  if (!config.demoMode || config.wechat.apiBase) return work();
  const fake = await startFakeWechat({ appId: config.wechat.appId, secret: config.wechat.secret });
  const wechat = app.get(WechatClient, { strict: false });
  wechat.setBaseUrl(fake.url);
  try {
    await work();
  } finally {
    wechat.setBaseUrl(''); // unset again: listen() points it at the fake mounted on the server
    await fake.app.close();
  }
}

/** The matters (once: nothing is done when any ticket exists). Returns how many it filed. */
export async function seedDemoTickets(app: INestApplicationContext): Promise<number> {
  const ds = app.get(DataSource);
  if ((await ds.getRepository(Ticket).count()) > 0) return 0;
  const clock = app.get(Clock);
  const tx = app.get(TransactionService);
  const service = app.get(ServiceRequestsService, { strict: false });
  const lifecycle = app.get(TicketLifecycle, { strict: false });
  const users = ds.getRepository(User);
  const persona = async (key: string) => users.findOneByOrFail({ demoKey: key });
  const [resident, worker, staff, volunteer] = await Promise.all(['resident', 'grid_worker', 'staff', 'volunteer'].map(persona));
  const actor = (who: Who): Actor => (who === 'system' ? SYSTEM : { id: { resident, worker, staff }[who].id, roles: { resident, worker, staff }[who].roles });
  await app.get(TicketCatalogue, { strict: false }).ensureSeeded();
  const cats = new Map((await ds.getRepository(ServiceCategory).find()).map((c) => [c.code, c]));
  const base = Date.now();
  let n = 0;
  try {
    for (const spec of TICKETS) {
      const at = (h: number) => {
        clock.reset();
        clock.advance(-spec.daysAgo * DAY + h * HOUR);
      };
      at(0);
      const point = await ds.getRepository(Point).findOneByOrFail({ scene: spec.scene });
      const cat = cats.get(spec.code);
      if (!cat) continue;
      const ticket = await tx.run((em) =>
        service.create(em, { id: resident.id, role: 'resident' }, resident.id, {
          categoryId: cat.id, point, description: spec.description, photos: [], contactName: resident.name, contactPhone: resident.phone, anonymous: false, attributes: spec.attributes ?? {}, source: 'miniapp',
        }),
      );
      n++;
      if (spec.followers) {
        await tx.run(async (em) => {
          await em.insert(TicketFollower, { ticketId: ticket.id, userId: volunteer.id });
          await em.createQueryBuilder().update(Ticket).set({ followerCount: () => 'followerCount + 1' }).where('id = :id', { id: ticket.id }).execute();
        });
      }
      for (const [h, action, who, extra = {}] of spec.steps) {
        // The steps are hours after filing; never later than now.
        if (base - spec.daysAgo * DAY + h * HOUR > base) break;
        at(h);
        await tx.run((em) =>
          lifecycle.apply(em, ticket.id, action, actor(who), {
            note: extra.note ?? (action === 'dispatch' ? '社区派单' : null),
            rating: extra.rating,
            comment: extra.comment ?? null,
            workerId: action === 'dispatch' ? worker.id : undefined,
          }),
        );
      }
    }
  } finally {
    clock.reset();
  }
  return n;
}
