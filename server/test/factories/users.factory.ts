import { JwtService } from '@nestjs/jwt';
import type { Role } from '@linli/domain';
import { DataSource } from 'typeorm';
import { User } from '../../src/modules/users/user.entity';
import type { TestApp } from '../utils/test-app';
import { client } from '../utils/http';

let seq = 0;

/**
 * Users made directly in the database, with a signed token. For bulk tests (hundreds of volunteers) where logging
 * each in through WeChat would only exercise the login throttle.
 */
export async function makeUsers(t: TestApp, count: number, roles: Role[] = ['resident'], extra: Partial<User> = {}) {
  const ds = t.get<DataSource>(DataSource);
  const jwt = t.get<JwtService>(JwtService);
  const rows = Array.from({ length: count }, () => {
    seq++;
    return { name: `测试用户${seq}`, roles, isPartyMember: false, phone: `139${String(10000000 + seq).slice(-8)}`, openid: `otest${process.pid}_${seq}_${Math.random().toString(36).slice(2, 8)}`, ...extra };
  });
  const saved: User[] = [];
  for (let i = 0; i < rows.length; i += 500) saved.push(...(await ds.getRepository(User).save(rows.slice(i, i + 500))));
  return saved.map((u) => {
    const token = jwt.sign({ sub: u.id, roles: u.roles });
    return { user: u, token, api: client(t.url, token) };
  });
}
