import type { INestApplicationContext } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import type { AgeGroup, Gender, WishAction, WishType } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { Community } from '../../modules/places/place.entities';
import { UploadsService } from '../../modules/uploads/uploads.service';
import { User } from '../../modules/users/user.entity';
import { Wish } from '../../modules/wishes/wish.entities';
import { WishLifecycle } from '../../modules/wishes/wishes.lifecycle';
import { WishRecords } from '../../modules/wishes/wishes.records';
import { DemoTime } from './demo-clock';

type Who = 'worker' | 'staff' | 'volunteer';
/** One move `hoursAgo` before seeding, by whom; `fulfil` carries the proof note (a photo is made for it). */
type Move = [hoursAgo: number, action: WishAction, who: Who, note?: string];

interface DemoWish {
  community: string;
  recordedBy: Who;
  hoursAgo: number;
  /** wish-by date, days after the day of seeding */
  wishByDays: number;
  beneficiary: { name: string; gender: Gender; ageGroup: AgeGroup; building: string; phone?: string; situation: string };
  title: string;
  story: string;
  type: WishType;
  value: number;
  partyPriority?: boolean;
  moves: Move[];
}

/**
 * Four 微心愿 in four states, recorded by the grid worker or staff after a home visit and carried through the same
 * lifecycle the app uses: one on the wall, one claimed by 李建国 and running, one with its proof waiting for the
 * community's confirmation, one confirmed (2 hours in his ledger). The beneficiaries' names, phones and doors stay in
 * the register; the wall shows only the masked name (王奶奶 · 社区) the wishes module makes.
 */
const WISHES: DemoWish[] = [
  {
    community: '漕湖花园二社区', recordedBy: 'worker', hoursAgo: 16 * 24, wishByDays: 14,
    beneficiary: { name: '孙桂芳', gender: 'female', ageGroup: 'elder', building: '六区12幢402室', phone: '13962117001', situation: '独居，老伴前年去世，子女在外地' },
    title: '入冬前想换一床厚实的棉被', story: '奶奶一个人住，家里的被子盖了十几年，已经不保暖了。天冷以后夜里常被冻醒，想在入冬前换一床厚实的新棉被。',
    type: 'goods', value: 200,
    moves: [[15 * 24, 'publish', 'staff'], [14 * 24, 'claim', 'volunteer'], [12 * 24, 'fulfil', 'volunteer', '新棉被已买好，和网格员一起送到奶奶家，帮她铺好了床'], [11 * 24, 'confirm', 'worker']],
  },
  {
    community: '漕湖花园一社区', recordedBy: 'staff', hoursAgo: 8 * 24, wishByDays: 10,
    beneficiary: { name: '刘浩然', gender: 'male', ageGroup: 'student', building: '3幢201室', situation: '父母在外务工，随祖父母生活' },
    title: '想要一个新书包和几本科普书', story: '孩子上小学三年级，和爷爷奶奶一起生活。书包的背带断了，奶奶用针线缝过好几次。他最喜欢看讲恐龙和星星的书。',
    type: 'goods', value: 150, partyPriority: true,
    moves: [[7.5 * 24, 'publish', 'staff'], [6 * 24, 'claim', 'volunteer'], [20, 'fulfil', 'volunteer', '书包和三本科普书已送到社区服务站，孩子放学后和奶奶一起来领走了']],
  },
  {
    community: '漕湖花园二社区', recordedBy: 'worker', hoursAgo: 7 * 24, wishByDays: 20,
    beneficiary: { name: '钱凤英', gender: 'female', ageGroup: 'elder', building: '六区20幢103室', phone: '13962117002', situation: '腿脚不便，视力下降' },
    title: '想请人陪我去医院复查眼睛', story: '奶奶腿脚不便，子女不在身边。月底要去区医院复查眼睛，想请一位志愿者陪她挂号、排队、取药，再一起回家。',
    type: 'companionship', value: 0,
    moves: [[6.5 * 24, 'publish', 'staff'], [5 * 24, 'claim', 'volunteer']],
  },
  {
    community: '永昌泾社区', recordedBy: 'staff', hoursAgo: 2 * 24, wishByDays: 25,
    beneficiary: { name: '吴建华', gender: 'male', ageGroup: 'elder', building: '南片区5幢301室', phone: '13962117003', situation: '独居，患关节炎，手上没劲' },
    title: '希望有人帮忙修好漏水的水龙头', story: '爷爷一个人住，厨房的水龙头一直滴水，他自己拧不动也换不了，想请懂维修的志愿者上门帮忙换一个新的。',
    type: 'service', value: 60,
    moves: [[26, 'publish', 'staff']],
  },
];

/** A proof photo as a volunteer would take one (a plain picture: no faces, no text), through the uploads service. */
async function proofPhoto(uploads: UploadsService, ownerId: number, hue: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,86%)"/><stop offset="1" stop-color="hsl(${hue + 30},60%,70%)"/></linearGradient></defs>
    <rect width="800" height="600" fill="url(#g)"/>
    <rect x="250" y="230" width="300" height="220" rx="18" fill="hsl(${hue},65%,52%)"/>
    <rect x="385" y="230" width="30" height="220" fill="hsl(${hue + 40},80%,90%)"/>
    <path d="M400 230 C 340 150, 280 200, 330 230 Z M400 230 C 460 150, 520 200, 470 230 Z" fill="hsl(${hue + 40},80%,90%)"/>
  </svg>`;
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  return (await uploads.accept(ownerId, jpeg)).id;
}

/** Seeds the demo's wishes (once: nothing is done when any wish exists). Returns how many it recorded. */
export async function seedDemoWishes(app: INestApplicationContext): Promise<number> {
  const ds = app.get(DataSource);
  if ((await ds.getRepository(Wish).count()) > 0) return 0;
  const records = app.get(WishRecords, { strict: false });
  const lifecycle = app.get(WishLifecycle, { strict: false });
  const uploads = app.get(UploadsService, { strict: false });
  const persona = (key: string) => ds.getRepository(User).findOneByOrFail({ demoKey: key });
  const [worker, staff, volunteer] = await Promise.all(['grid_worker', 'staff', 'volunteer'].map(persona));
  const people: Record<Who, AuthUser> = { worker: { id: worker.id, roles: worker.roles }, staff: { id: staff.id, roles: staff.roles }, volunteer: { id: volunteer.id, roles: volunteer.roles } };
  const communities = new Map((await ds.getRepository(Community).find()).map((c) => [c.name, c.id]));
  const time = new DemoTime(app.get(Clock));
  let n = 0;
  try {
    for (const [i, spec] of WISHES.entries()) {
      const communityId = communities.get(spec.community);
      if (!communityId) continue;
      time.set(time.ago(spec.hoursAgo));
      const made = await records.create(people[spec.recordedBy], {
        communityId,
        beneficiary: spec.beneficiary,
        title: spec.title,
        story: spec.story,
        type: spec.type,
        estimatedValue: spec.value,
        wishBy: time.date(spec.wishByDays),
        partyPriority: spec.partyPriority,
      });
      n++;
      for (const [hoursAgo, action, who, note] of spec.moves) {
        time.set(time.ago(hoursAgo));
        const photoIds = action === 'fulfil' ? [await proofPhoto(uploads, people[who].id, 20 + i * 70)] : undefined;
        await lifecycle.act(people[who], made.id, action, { note, photoIds });
      }
    }
  } finally {
    time.done();
  }
  return n;
}
