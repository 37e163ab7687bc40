import { DataSource } from 'typeorm';
import { DEMO_PERSONAS } from '../../modules/auth/demo-personas';
import { Community, Grid, Point, Street } from '../../modules/places/place.entities';
import { StaffCommunity, User } from '../../modules/users/user.entity';
import { openidFor } from '../../modules/wechat/fake/fake-wechat';

/**
 * The places named in the source report (漕湖街道, 相城区, 苏州) and the demo personas. Points carry WGS84
 * coordinates around 漕湖 (about 31.45 N, 120.55 E), so Open311 clients that send lat/long find them.
 * Runs only on an empty database, and is safe to call at every boot.
 */
export const DEMO_PLACES = {
  street: { name: '漕湖街道', district: '相城区' },
  communities: [
    {
      name: '漕湖花园一社区', kind: 'community' as const, servicePoint: '漕湖花园一社区邻里空间服务站',
      grids: [{ name: '第一网格', worker: null, points: [
        { scene: 'hy1-b03', name: '3幢', kind: 'building' as const, address: '漕湖花园一社区3幢', lat: 31.44812, lng: 120.55081 },
        { scene: 'hy1-xxqg', name: '学习强国线下体验馆', kind: 'venue' as const, address: '漕湖花园一社区党群服务中心二楼', lat: 31.44735, lng: 120.55192 },
      ] }],
    },
    {
      name: '漕湖花园二社区', kind: 'community' as const, servicePoint: '漕湖花园二社区（六区）邻里空间服务站',
      grids: [
        { name: '六区第一网格', worker: 'grid_worker', points: [
          { scene: 'hy2-b12', name: '六区12幢', kind: 'building' as const, address: '漕湖花园二社区六区12幢', lat: 31.45291, lng: 120.54553 },
          { scene: 'hy2-ljkj', name: '邻里空间服务站', kind: 'service_station' as const, address: '漕湖花园二社区六区东门', lat: 31.45218, lng: 120.54682 },
          { scene: 'hy2-cdz', name: '安置小区公共充电站', kind: 'charger' as const, address: '漕湖花园二社区六区南侧停车场', lat: 31.45157, lng: 120.54607 },
        ] },
        { name: '六区第二网格', worker: null, points: [
          { scene: 'hy2-b20', name: '六区20幢', kind: 'building' as const, address: '漕湖花园二社区六区20幢', lat: 31.45342, lng: 120.54718 },
          { scene: 'hy2-bench', name: '中心花园休闲座椅', kind: 'bench' as const, address: '漕湖花园二社区六区中心花园', lat: 31.45268, lng: 120.54645 },
        ] },
      ],
    },
    {
      name: '永昌泾社区', kind: 'community' as const, servicePoint: '永昌泾社区邻里空间服务站',
      grids: [{ name: '南片区网格', worker: null, points: [
        { scene: 'ycj-s05', name: '南片区5幢', kind: 'building' as const, address: '永昌泾社区南片区5幢', lat: 31.43981, lng: 120.56112 },
        { scene: 'ycj-school', name: '永昌泾小学校门口', kind: 'school_gate' as const, address: '永昌泾社区南片区', lat: 31.44093, lng: 120.55978 },
      ] }],
    },
    {
      name: '卫星村', kind: 'village' as const, servicePoint: '卫星村邻里空间服务站',
      grids: [{ name: '卫星村网格', worker: null, points: [{ scene: 'wx-center', name: '村委会广场', kind: 'other' as const, address: '卫星村村委会', lat: 31.46204, lng: 120.53796 }] }],
    },
    {
      name: '汤浜村', kind: 'village' as const, servicePoint: '汤浜村邻里空间服务站',
      grids: [{ name: '汤浜村网格', worker: null, points: [{ scene: 'tb-bridge', name: '汤浜桥头', kind: 'other' as const, address: '汤浜村汤浜桥', lat: 31.43517, lng: 120.53182 }] }],
    },
  ],
};

export async function seedDemo(ds: DataSource): Promise<boolean> {
  const streets = ds.getRepository(Street);
  if ((await streets.count()) > 0) return false;
  await ds.transaction(async (em) => {
    const street = await em.save(em.create(Street, DEMO_PLACES.street));
    const users = new Map<string, User>();
    const homeCommunity = 2; // 漕湖花园二社区, index+1 in insertion order below
    for (const p of DEMO_PERSONAS) {
      const user = await em.save(
        em.create(User, {
          name: p.name,
          roles: p.roles,
          phone: p.phone,
          demoKey: p.key,
          openid: openidFor(`demo-${p.key}`),
          isPartyMember: p.key === 'volunteer',
          branch: p.key === 'volunteer' ? '漕湖花园二社区第一党支部' : null,
          communityId: null,
        }),
      );
      users.set(p.key, user);
    }
    const communityIds: number[] = [];
    for (const c of DEMO_PLACES.communities) {
      const community = await em.save(em.create(Community, { streetId: street.id, name: c.name, kind: c.kind, servicePoint: c.servicePoint }));
      communityIds.push(community.id);
      for (const g of c.grids) {
        const grid = await em.save(em.create(Grid, { communityId: community.id, name: g.name, workerId: g.worker ? users.get(g.worker)!.id : null }));
        for (const pt of g.points) await em.save(em.create(Point, { gridId: grid.id, ...pt, active: true }));
      }
    }
    const home = communityIds[homeCommunity - 1];
    await em.update(User, { id: users.get('resident')!.id }, { communityId: home });
    await em.update(User, { id: users.get('volunteer')!.id }, { communityId: home });
    for (const key of ['staff', 'admin']) {
      for (const communityId of communityIds) await em.insert(StaffCommunity, { userId: users.get(key)!.id, communityId });
    }
    // Demo staff can also use the password form.
    const bcrypt = await import('bcryptjs');
    await em.update(User, { id: users.get('staff')!.id }, { username: 'chen', passwordHash: await bcrypt.hash('linli-demo', 10) });
  });
  return true;
}
