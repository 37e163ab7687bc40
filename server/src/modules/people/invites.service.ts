import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  formatInviteCode,
  INVITE_DEFAULT_DAYS,
  INVITE_SCENE_PREFIX,
  INVITE_STATUS_LABELS,
  inviteRoleLabel,
  inviteStatus,
  link,
  normalizeInviteCode,
  primaryRole,
  randomInviteCode,
  type CursorPage,
  type InvitePreview,
  type InviteView,
} from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { MeService, type UserView } from '../auth/me.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Community, Grid } from '../places/place.entities';
import { QrCodeService } from '../places/qrcode.service';
import { ScopeService } from '../places/scope.service';
import { User } from '../users/user.entity';
import { Branch, Invite } from './people.entities';
import { CreateInviteDto, InviteListQuery } from './people.dto';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';
import { grantRole } from './role-grants';

const PAGE = 20;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Invites to a role. Staff invite within their communities, the admin anywhere. An invite is single-use (a
 * conditional UPDATE takes it), expires, can be revoked, and every step is audited. The person invited scans its
 * QR code (scene `i.<code>`) or types the code, signed in with WeChat.
 */
@Injectable()
export class InvitesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly scopes: ScopeService,
    private readonly qrcodes: QrCodeService,
    private readonly me: MeService,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
  ) {}

  async create(user: AuthUser, dto: CreateInviteDto, origin: string, idempotencyKey?: unknown): Promise<InviteView> {
    const idemKey = validateIdempotencyKey(idempotencyKey);
    const scope = await this.scopes.of(user.id, user.roles);
    const inScope = (communityId: number) => scope.isAdmin || scope.communityIds.includes(communityId);
    let communityId: number | null = null;
    let gridId: number | null = null;
    let branchId: number | null = null;
    if (dto.role === 'grid_worker') {
      if (!dto.gridId) throw AppError.field('gridId', '请选择网格');
      const grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: dto.gridId } });
      if (!grid) throw AppError.field('gridId', '网格不存在');
      if (!inScope(grid.communityId)) throw AppError.forbidden('只能邀请自己负责社区的网格员');
      gridId = grid.id;
      communityId = grid.communityId;
    } else if (dto.role === 'staff') {
      if (!dto.communityId) throw AppError.field('communityId', '请选择社区');
      if (!(await this.dataSource.getRepository(Community).findOne({ where: { id: dto.communityId } }))) throw AppError.field('communityId', '社区不存在');
      if (!inScope(dto.communityId)) throw AppError.forbidden('只能邀请自己负责社区的工作人员');
      communityId = dto.communityId;
    } else {
      communityId = dto.communityId ?? (scope.isAdmin ? null : scope.communityIds[0] ?? null);
      if (communityId !== null) {
        if (!(await this.dataSource.getRepository(Community).findOne({ where: { id: communityId } }))) throw AppError.field('communityId', '社区不存在');
        if (!inScope(communityId)) throw AppError.forbidden('只能为自己负责的社区邀请志愿者');
      }
      if (dto.isPartyMember) {
        if (!dto.branchId) throw AppError.field('branchId', '党员志愿者请选择所在党支部');
        if (!(await this.dataSource.getRepository(Branch).findOne({ where: { id: dto.branchId } }))) throw AppError.field('branchId', '党支部不存在');
        branchId = dto.branchId;
      }
    }
    const now = this.clock.now();
    const inviteId = await this.tx.run(async (em) => {
      if (idemKey) {
        // 生成邀请 tapped twice, or retried after a lost answer: the first invite, not a second code. Read after
        // this transaction: its snapshot may predate the first attempt's commit.
        const prior = await this.idempotency.claim(em, user.id, 'invite.create', idemKey);
        if (prior) return Number(prior);
      }
      let code: string;
      do code = randomInviteCode();
      while (await em.findOne(Invite, { where: { code } }));
      const row = await em.save(
        em.create(Invite, {
          code,
          role: dto.role,
          gridId,
          communityId,
          branchId,
          isPartyMember: dto.role === 'volunteer' && !!dto.isPartyMember,
          note: dto.note?.trim() || null,
          createdById: user.id,
          expiresAt: new Date(now.getTime() + (dto.expiresInDays ?? INVITE_DEFAULT_DAYS) * DAY_MS),
          usedById: null,
          usedAt: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'invite.create', entityType: 'invite', entityId: row.id, data: { role: row.role, gridId, communityId, branchId, expiresAt: row.expiresAt.toISOString() } });
      if (idemKey) await this.idempotency.complete(em, user.id, 'invite.create', idemKey, row.id);
      return row.id;
    });
    return this.detail(user, inviteId, origin);
  }

  async list(user: AuthUser, q: InviteListQuery): Promise<CursorPage<InviteView>> {
    const scope = await this.scopes.of(user.id, user.roles);
    const qb = this.dataSource.getRepository(Invite).createQueryBuilder('i').orderBy('i.id', 'DESC').take(PAGE + 1);
    if (!scope.isAdmin) qb.andWhere('(i.communityId IN (:...c) OR i.createdById = :me)', { c: scope.communityIds.length ? scope.communityIds : [-1], me: user.id });
    if (q.cursor) qb.andWhere('i.id < :cursor', { cursor: Number(q.cursor) });
    const now = this.clock.now();
    if (q.status === 'open') qb.andWhere('i.usedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > :now', { now });
    if (q.status === 'used') qb.andWhere('i.usedAt IS NOT NULL');
    if (q.status === 'revoked') qb.andWhere('i.usedAt IS NULL AND i.revokedAt IS NOT NULL');
    if (q.status === 'expired') qb.andWhere('i.usedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt <= :now', { now });
    const rows = await qb.getMany();
    const page = rows.slice(0, PAGE);
    return { items: await this.views(page), nextCursor: rows.length > PAGE ? String(page[page.length - 1].id) : null };
  }

  async detail(user: AuthUser, id: number, origin: string): Promise<InviteView> {
    const invite = await this.inScope(user, id);
    const [view] = await this.views([invite]);
    const png = await this.qrcodes.scenePng(INVITE_SCENE_PREFIX + invite.code, origin, 430);
    return { ...view, qr: dataUrl(png) };
  }

  async revoke(user: AuthUser, id: number): Promise<InviteView> {
    const invite = await this.inScope(user, id);
    const status = inviteStatus(invite, this.clock.now());
    if (status !== 'open') throw new AppError(status === 'used' ? 'INVITE_USED' : status === 'revoked' ? 'INVITE_REVOKED' : 'INVITE_EXPIRED');
    await this.tx.run(async (em) => {
      const now = this.clock.now();
      const res = await em
        .createQueryBuilder()
        .update(Invite)
        .set({ revokedAt: now })
        .where('id = :id AND usedAt IS NULL AND revokedAt IS NULL', { id })
        .execute();
      if (!res.affected) throw new AppError('INVITE_USED');
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'invite.revoke', entityType: 'invite', entityId: id });
    });
    const [view] = await this.views([await this.dataSource.getRepository(Invite).findOneByOrFail({ id })]);
    return view;
  }

  /** What the person invited sees before accepting: the role, the place, who invites them, and whether it still holds. */
  async preview(user: AuthUser, typed: string): Promise<InvitePreview> {
    const invite = await this.byCode(typed);
    const [view] = await this.views([invite]);
    const me = await this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    return {
      code: view.code,
      roleLabel: view.roleLabel,
      target: view.target,
      invitedBy: view.createdBy,
      status: view.status,
      statusLabel: view.statusLabel,
      expiresAt: view.expiresAt,
      alreadyHeld: await this.holds(me, invite),
    };
  }

  async accept(user: AuthUser, typed: string): Promise<{ user: UserView; roleLabel: string; target: string }> {
    const me = await this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    if (!me.openid) throw new AppError('INVITE_NEEDS_WECHAT');
    const invite = await this.byCode(typed);
    const [view] = await this.views([invite]);
    await this.tx.run(async (em) => {
      const now = this.clock.now();
      // Single use: whoever's UPDATE moves the row first has it; everyone else is told why not.
      const res = await em
        .createQueryBuilder()
        .update(Invite)
        .set({ usedById: user.id, usedAt: now })
        .where('id = :id AND usedAt IS NULL AND revokedAt IS NULL AND expiresAt > :now', { id: invite.id, now })
        .execute();
      if (!res.affected) {
        const fresh = await em.findOneByOrFail(Invite, { id: invite.id });
        throw refusal(fresh, now);
      }
      const branch = invite.branchId ? await em.findOneBy(Branch, { id: invite.branchId }) : null;
      await grantRole(em, this.audit, user.id, { role: invite.role, gridId: invite.gridId, communityId: invite.communityId, isPartyMember: invite.isPartyMember, branch: branch?.name ?? null }, { id: user.id, roles: user.roles, sessionId: user.sessionId }, `invite:${invite.id}`);
      await this.audit.record(em, { actorId: user.id, actorRole: invite.role, action: 'invite.accept', entityType: 'invite', entityId: invite.id });
      await this.notifications.notify(em, [invite.createdById], {
        kind: 'invite.accepted',
        title: '邀请已被接受',
        body: `${me.name}已接受邀请，成为${view.target}的${view.roleLabel}。`,
        link: link('consoleInvites'),
        purpose: 'invite_accepted', templateData: { name1: me.name ?? '', thing2: `${view.target}${view.roleLabel}` },
      });
    });
    return { user: await this.me.view(user.id), roleLabel: view.roleLabel, target: view.target };
  }

  private async byCode(typed: string): Promise<Invite> {
    const code = normalizeInviteCode(typed);
    if (!code) throw new AppError('INVITE_NOT_FOUND', undefined, { code: ['邀请码须为 8 位字母和数字，如 K7QM-3XPA'] });
    const invite = await this.dataSource.getRepository(Invite).findOne({ where: { code } });
    if (!invite) throw new AppError('INVITE_NOT_FOUND');
    return invite;
  }

  private async holds(me: User, invite: Invite): Promise<boolean> {
    if (!me.roles.includes(invite.role)) return false;
    if (invite.role === 'grid_worker') return !!(await this.dataSource.getRepository(Grid).findOne({ where: { id: invite.gridId ?? -1, workerId: me.id } }));
    if (invite.role === 'staff') {
      const scope = await this.scopes.of(me.id, me.roles);
      return scope.communityIds.includes(invite.communityId ?? -1);
    }
    return !invite.isPartyMember || me.isPartyMember;
  }

  private async inScope(user: AuthUser, id: number): Promise<Invite> {
    const invite = await this.dataSource.getRepository(Invite).findOne({ where: { id } });
    if (!invite) throw AppError.notFound('邀请');
    const scope = await this.scopes.of(user.id, user.roles);
    if (!scope.isAdmin && invite.createdById !== user.id && !scope.communityIds.includes(invite.communityId ?? -1)) throw AppError.notFound('邀请');
    return invite;
  }

  private async views(invites: Invite[]): Promise<InviteView[]> {
    if (!invites.length) return [];
    const ids = (xs: Array<number | null>) => [...new Set(xs.filter((x): x is number => !!x))].concat(-1);
    const [users, grids, branches] = await Promise.all([
      this.dataSource.getRepository(User).find({ where: { id: In(ids(invites.flatMap((i) => [i.createdById, i.usedById]))) } }),
      this.dataSource.getRepository(Grid).find({ where: { id: In(ids(invites.map((i) => i.gridId))) } }),
      this.dataSource.getRepository(Branch).find({ where: { id: In(ids(invites.map((i) => i.branchId))) } }),
    ]);
    const communities = await this.dataSource.getRepository(Community).find({ where: { id: In(ids(invites.map((i) => i.communityId))) } });
    const name = <T extends { id: number; name: string }>(xs: T[], id: number | null) => xs.find((x) => x.id === id)?.name ?? null;
    const now = this.clock.now();
    return invites.map((i) => {
      const status = inviteStatus(i, now);
      const community = name(communities, i.communityId);
      const target =
        i.role === 'grid_worker'
          ? [community, name(grids, i.gridId)].filter(Boolean).join(' · ')
          : i.role === 'staff'
            ? community ?? ''
            : name(branches, i.branchId) ?? community ?? '全街道';
      return {
        id: i.id,
        code: formatInviteCode(i.code),
        role: i.role,
        isPartyMember: i.isPartyMember,
        roleLabel: inviteRoleLabel(i),
        target,
        note: i.note,
        status,
        statusLabel: INVITE_STATUS_LABELS[status],
        expiresAt: i.expiresAt.toISOString(),
        createdAt: i.createdAt.toISOString(),
        createdBy: name(users, i.createdById) ?? '',
        usedBy: name(users, i.usedById),
        usedAt: i.usedAt ? i.usedAt.toISOString() : null,
      };
    });
  }
}

function refusal(i: Invite, now: Date): AppError {
  const status = inviteStatus(i, now);
  return new AppError(status === 'used' ? 'INVITE_USED' : status === 'revoked' ? 'INVITE_REVOKED' : 'INVITE_EXPIRED');
}

/** getwxacodeunlimit answers JPEG, the H5 fallback PNG: say which. */
export function dataUrl(bytes: Buffer): string {
  const mime = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : 'image/png';
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

