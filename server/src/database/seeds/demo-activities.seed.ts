import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ActivityType } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { Activity } from '../../modules/events/activity.entities';
import { EventCheckin } from '../../modules/events/events.checkin';
import { EventCodes } from '../../modules/events/events.codes';
import { EventLifecycle } from '../../modules/events/events.lifecycle';
import { EventRecords } from '../../modules/events/events.records';
import { EventSignups } from '../../modules/events/events.signups';
import { Community, Point } from '../../modules/places/place.entities';
import { User } from '../../modules/users/user.entity';
import { DemoTime, MINUTE } from './demo-clock';

/**
 * Residents with only a phone number, signed up by the grid worker 王芳 (代报名) the way she signs up elders who
 * have no WeChat. The phones are the demo's own, never a real person's.
 */
export const DEMO_PHONE_RESIDENTS = [
  { key: 'sun', name: '孙美华', phone: '13962118001' },
  { key: 'shen', name: '沈小芳', phone: '13962118002' },
  { key: 'gu', name: '顾建明', phone: '13962118003' },
  { key: 'qian', name: '钱桂兰', phone: '13962118004' },
] as const;
type PhoneKey = (typeof DEMO_PHONE_RESIDENTS)[number]['key'];
type Persona = 'resident' | 'volunteer';
/** Who signs up, in arrival order, and how many hours before seeding. A phone-only resident is signed up by 王芳. */
type Signup = [hoursAgo: number, who: Persona | PhoneKey];

interface DemoActivity {
  type: ActivityType;
  title: string;
  description: string;
  organiser: string;
  community: string;
  place: string;
  scene?: string;
  /** days from the day of seeding and Beijing wall-clock times */
  day: number;
  start: string;
  end: string;
  capacity: number;
  hours: number;
  createdHoursAgo: number;
  signups: Signup[];
  /** the day it took place: everyone came — personas scan the activity's code, staff scan the others' 签到码 */
  attended?: boolean;
}

/**
 * Three activities: one coming with places left, one full with two people waiting in the order they came, one that
 * took place last week with its hours in the ledger. Created, published and signed up for through the events
 * services, so the seat counters are the rows and the waiting list is the arrival order.
 */
const ACTIVITIES: DemoActivity[] = [
  {
    type: 'lecture', title: '防范电信诈骗，守好养老钱', organiser: '漕湖花园二社区', community: '漕湖花园二社区',
    description: '派出所民警讲最近常见的冒充客服、保健品、"以房养老"骗局，教大家怎样核实、遇到了找谁。欢迎带上家里的老人一起来，现场可以帮忙设置手机防诈提醒。',
    place: '漕湖花园二社区（六区）邻里空间服务站', scene: 'hy2-ljkj', day: 4, start: '14:30', end: '16:00', capacity: 40, hours: 1.5, createdHoursAgo: 3 * 24,
    signups: [[2 * 24, 'resident'], [30, 'gu'], [6, 'sun']],
  },
  {
    type: 'volunteer_service', title: '邻里百家宴：为独居老人包饺子', organiser: '漕湖花园二社区第一党支部', community: '漕湖花园二社区',
    description: '志愿者和居民一起在服务站包饺子，中午由网格员带队送到六区的独居老人家中。名额按厨房大小定，满员后可以候补，有人取消会按报名先后递补。',
    place: '漕湖花园二社区（六区）邻里空间服务站一楼', scene: 'hy2-ljkj', day: 2, start: '09:00', end: '11:30', capacity: 4, hours: 2.5, createdHoursAgo: 6 * 24,
    signups: [[5 * 24, 'volunteer'], [4 * 24, 'sun'], [3 * 24, 'shen'], [2 * 24, 'gu'], [30, 'resident'], [8, 'qian']],
  },
  {
    type: 'volunteer_service', title: '六区中心花园环境清洁', organiser: '漕湖花园二社区第一党支部', community: '漕湖花园二社区',
    description: '清理花坛里的垃圾和落叶，擦洗休闲座椅，整理非机动车停放。工具由社区提供，请穿方便干活的衣服。',
    place: '漕湖花园二社区六区中心花园', scene: 'hy2-bench', day: -5, start: '08:30', end: '10:30', capacity: 15, hours: 2, createdHoursAgo: 12 * 24,
    signups: [[10 * 24, 'volunteer'], [9 * 24, 'resident'], [8 * 24, 'sun']],
    attended: true,
  },
];

/** Seeds the demo's activities (once: nothing is done when any activity exists). Returns how many it created. */
export async function seedDemoActivities(app: INestApplicationContext): Promise<number> {
  const ds = app.get(DataSource);
  if ((await ds.getRepository(Activity).count()) > 0) return 0;
  const records = app.get(EventRecords, { strict: false });
  const signups = app.get(EventSignups, { strict: false });
  const checkin = app.get(EventCheckin, { strict: false });
  const lifecycle = app.get(EventLifecycle, { strict: false });
  const codes = app.get(EventCodes, { strict: false });
  const users = ds.getRepository(User);
  const auth = (u: User): AuthUser => ({ id: u.id, roles: u.roles });
  const persona = async (key: string) => auth(await users.findOneByOrFail({ demoKey: key }));
  const [resident, volunteer, worker, staff] = await Promise.all(['resident', 'volunteer', 'grid_worker', 'staff'].map(persona));
  const personas: Record<Persona, AuthUser> = { resident, volunteer };
  const communities = new Map((await ds.getRepository(Community).find()).map((c) => [c.name, c.id]));
  const time = new DemoTime(app.get(Clock));
  let n = 0;
  try {
    // Oldest first, so the ids (the lists' order) follow the days they were created on.
    for (const spec of [...ACTIVITIES].sort((a, b) => b.createdHoursAgo - a.createdHoursAgo)) {
      const communityId = communities.get(spec.community);
      if (!communityId) continue;
      const point = spec.scene ? await ds.getRepository(Point).findOneBy({ scene: spec.scene }) : null;
      const startAt = time.beijing(spec.day, spec.start);
      const endAt = time.beijing(spec.day, spec.end);
      time.set(time.ago(spec.createdHoursAgo));
      const made = await records.create(staff, {
        type: spec.type,
        title: spec.title,
        description: spec.description,
        organiser: spec.organiser,
        communityId,
        place: spec.place,
        pointId: point?.id ?? null,
        startAt: new Date(startAt).toISOString(),
        endAt: new Date(endAt).toISOString(),
        capacity: spec.capacity,
        audience: 'all',
        hours: spec.hours,
        publish: true,
      });
      n++;
      const seated: Array<{ who: AuthUser; signupId: string; byScene: boolean }> = [];
      for (const [hoursAgo, who] of spec.signups) {
        time.set(time.ago(hoursAgo));
        if (who === 'resident' || who === 'volunteer') {
          const s = await signups.signup(personas[who], made.id, undefined, undefined);
          if (s.status === 'confirmed') seated.push({ who: personas[who], signupId: s.id, byScene: true });
        } else {
          const r = DEMO_PHONE_RESIDENTS.find((p) => p.key === who)!;
          const s = await signups.proxySignup(worker, made.id, { name: r.name, phone: r.phone }, undefined);
          if (s.status === 'confirmed') seated.push({ who: { id: s.resident.id, roles: ['resident'] }, signupId: s.id, byScene: false });
        }
      }
      if (!spec.attended) continue;
      // The day itself: in from ten minutes before the start, out a little after the end (hours capped at the plan).
      const scene = (await ds.getRepository(Activity).findOneByOrFail({ id: made.id })).scene!;
      for (const [i, p] of seated.entries()) {
        time.set(startAt - (10 - i) * MINUTE);
        if (p.byScene) await checkin.byScene(p.who, scene);
        else await checkin.inByCode(staff, made.id, codes.personalCode(p.who.id));
      }
      for (const [i, p] of seated.entries()) {
        time.set(endAt + (5 + i) * MINUTE);
        if (p.byScene) await lifecycle.actOnSignup(p.who, p.signupId, 'check_out');
        else await checkin.outByCode(staff, made.id, codes.personalCode(p.who.id));
      }
    }
  } finally {
    time.done();
  }
  return n;
}
