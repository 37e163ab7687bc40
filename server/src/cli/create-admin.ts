import 'dotenv/config';
import 'reflect-metadata';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app.config';
import { dataSourceOptions } from '../database/data-source';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { StaffCommunity, User } from '../modules/users/user.entity';
import { Community } from '../modules/places/place.entities';

/**
 * npm run admin:create -- --username admin --name 管理员 [--password …]
 * Without --password it reads ADMIN_PASSWORD from the environment, so the password stays out of shell history.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const username = arg('username');
  const name = arg('name') ?? '管理员';
  const password = arg('password') ?? process.env.ADMIN_PASSWORD;
  if (!username || !/^[a-zA-Z0-9_.-]{3,64}$/.test(username)) throw new Error('--username is required: 3–64 letters, digits or _.-');
  if (!password || password.length < 10) throw new Error('a password of at least 10 characters is required (--password or ADMIN_PASSWORD)');
  const config = loadConfig();
  const ds = await new DataSource(dataSourceOptions(config)).initialize();
  const hash = await bcrypt.hash(password, 12);
  const repo = ds.getRepository(User);
  const existing = await repo.findOne({ where: { username } });
  let id: number;
  if (existing) {
    await repo.update({ id: existing.id }, { passwordHash: hash, roles: [...new Set([...existing.roles, 'admin', 'staff'])] as User['roles'] });
    id = existing.id;
    console.log(`Updated ${username}: password reset, roles admin + staff.`);
  } else {
    id = (await repo.save(repo.create({ username, name, passwordHash: hash, roles: ['admin', 'staff'], isPartyMember: false }))).id;
    console.log(`Created admin ${username} (id ${id}).`);
  }
  for (const c of await ds.getRepository(Community).find()) {
    const link = await ds.getRepository(StaffCommunity).findOne({ where: { userId: id, communityId: c.id } });
    if (!link) await ds.getRepository(StaffCommunity).insert({ userId: id, communityId: c.id });
  }
  await ds.getRepository(AuditLog).insert({ actorId: null, actorRole: 'system', action: 'user.create_admin', entityType: 'user', entityId: String(id), data: { username } });
  await ds.destroy();
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
