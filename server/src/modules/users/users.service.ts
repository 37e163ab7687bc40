import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { User } from './user.entity';

/** Moves a retired account's records onto the account that survives a merge. Features register one each. */
export type MergeHook = (em: EntityManager, fromUserId: number, toUserId: number) => Promise<void>;

/**
 * Accounts: who someone is (WeChat openid, staff login, phone-only resident), binding a phone and merging accounts.
 * The bottom layer — it imports no feature. Where a person stands on the map (`ScopeService`) is in places; the
 * session's view of oneself (`GET /api/me`) is in auth.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');
  private readonly mergeHooks: MergeHook[] = [];

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
  ) {}

  onMerge(hook: MergeHook) {
    this.mergeHooks.push(hook);
  }

  async get(id: number): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!user) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    return user;
  }

  /** First WeChat login creates a resident. */
  async findOrCreateByOpenid(openid: string, unionid?: string): Promise<User> {
    const repo = this.dataSource.getRepository(User);
    const existing = await repo.findOne({ where: { openid } });
    if (existing) return existing;
    try {
      return await repo.save(repo.create({ openid, unionid: unionid ?? null, name: '微信用户', roles: ['resident'], isPartyMember: false }));
    } catch {
      // A parallel first login created it.
      const again = await repo.findOne({ where: { openid } });
      if (!again) throw new AppError('CONFLICT');
      return again;
    }
  }

  /**
   * Binds a verified phone. If a grid worker had already registered this phone for a resident without WeChat
   * (proxy sign-up), that record adopts this WeChat account, so the resident finds their sign-ups.
   * Returns the user who owns the session from now on.
   */
  async bindPhone(userId: number, phone: string): Promise<User> {
    return this.tx.run(async (em) => {
      const me = await em.findOneOrFail(User, { where: { id: userId } });
      const phoneOnly = await em.findOne(User, { where: { phone, openid: IsNull(), username: IsNull() } });
      if (phoneOnly && phoneOnly.id !== me.id && me.openid) {
        const openid = me.openid;
        await em.update(User, { id: me.id }, { openid: null, unionid: null });
        await em.update(User, { id: phoneOnly.id }, {
          openid,
          unionid: me.unionid,
          roles: [...new Set([...phoneOnly.roles, ...me.roles])],
        });
        for (const hook of this.mergeHooks) await hook(em, me.id, phoneOnly.id);
        await this.audit.record(em, { actorId: phoneOnly.id, actorRole: 'resident', action: 'user.merge', entityType: 'user', entityId: phoneOnly.id, data: { from: me.id } });
        return em.findOneOrFail(User, { where: { id: phoneOnly.id } });
      }
      await em.update(User, { id: me.id }, { phone });
      await this.audit.record(em, { actorId: me.id, actorRole: 'resident', action: 'user.bind_phone', entityType: 'user', entityId: me.id });
      return em.findOneOrFail(User, { where: { id: me.id } });
    });
  }

  /** Phone-only resident created by a grid worker for someone without WeChat. */
  async findOrCreatePhoneOnly(em: EntityManager, phone: string, name: string, communityId: number | null): Promise<User> {
    const existing = await em.findOne(User, { where: { phone } });
    if (existing) return existing;
    return em.save(em.create(User, { phone, name, roles: ['resident'], communityId, isPartyMember: false, openid: null }));
  }
}
