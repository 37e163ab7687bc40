import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_TRANSITIONS,
  applicationActions,
  link,
  maskPhone,
  primaryRole,
  type ApplicationAction,
  type ApplicationStatus,
  type ApplicationView,
  type CursorPage,
} from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { Actor, Flow, Lifecycle } from '../../common/state-machine';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { Community } from '../places/place.entities';
import { ScopeService } from '../places/scope.service';
import { User } from '../users/user.entity';
import { ApplicationListQuery, CreateApplicationDto } from './people.dto';
import { Branch, VolunteerApplication } from './people.entities';
import { grantRole } from './role-grants';

const PAGE = 20;
type ApplicationFlow = Flow<ApplicationStatus, ApplicationAction, VolunteerApplication>;

/**
 * A resident asks to be a volunteer, as a party member of a branch or not; staff of the resident's community approve,
 * or refuse with a reason, and the resident is told either way. Decisions go through the lifecycle layer.
 */
@Injectable()
export class ApplicationsService {
  private readonly flow: ApplicationFlow;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly lifecycle: Lifecycle,
    private readonly scopes: ScopeService,
  ) {
    this.flow = {
      name: 'application',
      entityType: 'volunteer_application',
      entity: VolunteerApplication,
      table: APPLICATION_TRANSITIONS,
      statusLabels: APPLICATION_STATUS_LABELS,
      codes: { illegal: 'APPLICATION_ILLEGAL_TRANSITION', changed: 'APPLICATION_STATE_CHANGED', forbidden: 'APPLICATION_FORBIDDEN' },
      standing: (row, actor) => this.standing(row, actor),
      refuse: () => AppError.notFound('申请'),
      reason: { field: 'reason', message: () => '请填写不通过的理由，对方会看到' },
    };
  }

  private async standing(row: VolunteerApplication, actor: Actor): Promise<string[]> {
    const out: string[] = [];
    if (actor.id === row.userId) out.push('owner');
    if (actor.id === null) return out;
    const scope = await this.scopes.of(actor.id, actor.roles);
    if (scope.isAdmin) out.push('admin');
    if (scope.communityIds.includes(row.communityId)) out.push('staff');
    return out;
  }

  async apply(user: AuthUser, dto: CreateApplicationDto): Promise<ApplicationView> {
    const me = await this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    if (!me.communityId) throw AppError.field('communityId', '请先在「完善资料」中选择您所在的社区');
    if (me.roles.includes('volunteer') && (!dto.isPartyMember || me.isPartyMember)) throw new AppError('INVITE_ALREADY_HELD', '您已经是志愿者了');
    let branchId: number | null = null;
    if (dto.isPartyMember && dto.branchId) {
      if (!(await this.dataSource.getRepository(Branch).findOneBy({ id: dto.branchId }))) throw AppError.field('branchId', '党支部不存在');
      branchId = dto.branchId;
    }
    const id = await this.tx.run(async (em) => {
      if (await em.findOne(VolunteerApplication, { where: { userId: user.id, status: 'pending' } })) throw new AppError('APPLICATION_PENDING');
      const row = await em.save(
        em.create(VolunteerApplication, { userId: user.id, communityId: me.communityId!, isPartyMember: dto.isPartyMember, branchId, note: dto.note?.trim() || null, reason: null, decidedById: null, decidedAt: null }),
      );
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'application.create', entityType: 'volunteer_application', entityId: row.id, toState: 'pending' });
      return row.id;
    });
    return this.detail(user, id);
  }

  /** The resident's own latest application, if any. */
  async mine(user: AuthUser): Promise<ApplicationView | null> {
    const row = await this.dataSource.getRepository(VolunteerApplication).findOne({ where: { userId: user.id }, order: { id: 'DESC' } });
    return row ? (await this.views([row], user))[0] : null;
  }

  async list(user: AuthUser, q: ApplicationListQuery): Promise<CursorPage<ApplicationView>> {
    const scope = await this.scopes.of(user.id, user.roles);
    const qb = this.dataSource.getRepository(VolunteerApplication).createQueryBuilder('a').orderBy('a.id', 'DESC').take(PAGE + 1);
    if (!scope.isAdmin) qb.andWhere('a.communityId IN (:...c)', { c: scope.communityIds.length ? scope.communityIds : [-1] });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.cursor) qb.andWhere('a.id < :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, PAGE);
    return { items: await this.views(page, user), nextCursor: rows.length > PAGE ? String(page[page.length - 1].id) : null };
  }

  async detail(user: AuthUser, id: number): Promise<ApplicationView> {
    const row = await this.dataSource.getRepository(VolunteerApplication).findOneBy({ id });
    if (!row || !(await this.standing(row, user)).length) throw AppError.notFound('申请');
    return (await this.views([row], user))[0];
  }

  async act(user: AuthUser, id: number, action: ApplicationAction, reason?: string): Promise<ApplicationView> {
    const row = await this.dataSource.getRepository(VolunteerApplication).findOneBy({ id });
    if (!row) throw AppError.notFound('申请');
    const branch = row.branchId ? await this.dataSource.getRepository(Branch).findOneBy({ id: row.branchId }) : null;
    await this.tx.run(async (em) => {
      const step = await this.lifecycle.transition(em, this.flow, {
        action,
        actor: user,
        row,
        note: reason,
        set: (s) => (action === 'withdraw' ? {} : { decidedById: user.id, decidedAt: s.at, reason: s.note }),
        notify: (s) =>
          action === 'withdraw'
            ? []
            : [
                {
                  to: [row.userId],
                  message:
                    action === 'approve'
                      ? { kind: 'application.approved', title: '志愿者申请已通过', body: `您已成为${row.isPartyMember ? '党员' : ''}志愿者，可以在「心愿」里认领心愿、在「活动」里报名志愿服务了。`, link: link('wishes') }
                      : { kind: 'application.refused', title: '志愿者申请未通过', body: `理由：${s.note}。如有疑问，请联系社区工作人员。`, link: link('apply') },
                },
              ],
      });
      if (step.action === 'approve') {
        await grantRole(em, this.audit, row.userId, { role: 'volunteer', communityId: row.communityId, isPartyMember: row.isPartyMember, branch: branch?.name ?? null }, user, `application:${row.id}`);
      }
    });
    return this.detail(user, id);
  }

  private async views(rows: VolunteerApplication[], viewer: AuthUser): Promise<ApplicationView[]> {
    if (!rows.length) return [];
    const ids = (xs: Array<number | null>) => [...new Set(xs.filter((x): x is number => !!x))].concat(-1);
    const [users, communities, branches] = await Promise.all([
      this.dataSource.getRepository(User).find({ where: { id: In(ids(rows.map((r) => r.userId))) } }),
      this.dataSource.getRepository(Community).find({ where: { id: In(ids(rows.map((r) => r.communityId))) } }),
      this.dataSource.getRepository(Branch).find({ where: { id: In(ids(rows.map((r) => r.branchId))) } }),
    ]);
    const out: ApplicationView[] = [];
    for (const r of rows) {
      const u = users.find((x) => x.id === r.userId);
      out.push({
        id: r.id,
        status: r.status,
        statusLabel: APPLICATION_STATUS_LABELS[r.status],
        isPartyMember: r.isPartyMember,
        branch: branches.find((b) => b.id === r.branchId)?.name ?? null,
        note: r.note,
        reason: r.reason,
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
        applicant: { id: r.userId, name: u?.name ?? '', phone: maskPhone(u?.phone ?? null), building: u?.building ?? null },
        communityName: communities.find((c) => c.id === r.communityId)?.name ?? '',
        actions: applicationActions(r.status, await this.standing(r, viewer)),
      });
    }
    return out;
  }
}
