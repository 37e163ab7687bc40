import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { link, TICKET_AUTO_CONFIRM_DAYS, TicketStatus } from '@linli/domain';
import { AppError } from '../../common/errors/app-error';
import { SYSTEM } from '../../common/state-machine';
import { insertRow } from '../../database/insert';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Ticket, TicketEvent } from './service-request.entities';
import { TicketLifecycle } from './service-requests.lifecycle';

const DAY = 24 * 3_600_000;
/** The states the SLA clock runs in (signed for it, until 办结). */
const SLA_RUNNING: TicketStatus[] = ['signed', 'on_site'];

/** Scheduled work of 码上办, each tick leased so it runs once across processes. */
@Injectable()
export class TicketJobs implements OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobsService,
    private readonly tickets: TicketLifecycle,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: 'tickets.sla', everyMs: 5 * 60_000, run: (now) => this.flagOverdue(now) });
    this.jobs.register({ name: 'tickets.auto_confirm', everyMs: 15 * 60_000, run: (now) => this.autoConfirm(now) });
    this.jobs.register({ name: 'tickets.sign_for', everyMs: 5 * 60_000, run: (now) => this.flagUnsigned(now) });
  }

  /**
   * A dispatched ticket nobody signed for within its category's sign-for hours (`signDueAt`, set at dispatch) is
   * flagged `signOverdue` and escalated: the community's staff (the admins for the street's queue) are told to
   * chase or reassign it, and the worker is reminded. Like `overdue`, a flag beside the status, once per dispatch;
   * on the timeline and audited. Signing, returning or reassigning clears it.
   */
  async flagUnsigned(now: Date): Promise<number> {
    const late = await this.ds.getRepository(Ticket).find({ where: { status: 'dispatched', signOverdue: false, signDueAt: LessThan(now) }, take: 500 });
    let n = 0;
    for (const t of late) {
      const flagged = await this.tx.run(async (em) => {
        const res = await em
          .createQueryBuilder()
          .update(Ticket)
          .set({ signOverdue: true, escalatedAt: now })
          .where('id = :id AND status = :st AND signOverdue = :f AND signDueAt < :now', { id: t.id, st: 'dispatched', f: false, now })
          .execute();
        if (!res.affected) return false;
        const waited = t.dispatchedAt ? Math.max(1, Math.round((now.getTime() - t.dispatchedAt.getTime()) / 3_600_000)) : null;
        const note = `派单${waited ? ` ${waited} 小时` : '后'}仍无人签收，已提醒社区督办`;
        await insertRow(em, TicketEvent, { ticketId: t.id, action: 'sign_overdue', fromStatus: t.status, toStatus: t.status, actorId: null, actorRole: 'system', note, photos: [], createdAt: now });
        await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'ticket.sign_overdue', entityType: 'ticket', entityId: t.id, data: { assigneeId: t.assigneeId, signDueAt: t.signDueAt?.toISOString() ?? null }, at: now });
        await this.tickets.notifyStaff(em, t.communityId, { kind: 'ticket_overdue', title: `工单 ${t.number} 超时未签收`, body: '派单后无人签收，请督办或改派。', link: link('serviceDetail', { id: t.id }) });
        await this.notifications.notify(em, [t.assigneeId], { kind: 'ticket_overdue', title: `工单 ${t.number} 待你签收`, body: '已超过签收时限，请尽快签收或退回。', link: link('serviceDetail', { id: t.id }), purpose: 'ticket_overdue', templateData: { character_string1: t.number, phrase2: '超时未签收' } });
        return true;
      });
      if (flagged) n++;
    }
    return n;
  }

  /**
   * Flags signed tickets past their due time and tells the community's staff (once per ticket per signing). Overdue
   * is a flag beside the status, not a state, so it is not a lifecycle move; it is still on the timeline and audited.
   */
  async flagOverdue(now: Date): Promise<number> {
    const due = await this.ds.getRepository(Ticket).find({ where: { status: In(SLA_RUNNING), overdue: false, dueAt: LessThan(now) }, take: 500 });
    let n = 0;
    for (const t of due) {
      const flagged = await this.tx.run(async (em) => {
        const res = await em.createQueryBuilder().update(Ticket).set({ overdue: true, escalatedAt: now }).where('id = :id AND overdue = :f AND status IN (:...st)', { id: t.id, f: false, st: SLA_RUNNING }).execute();
        if (!res.affected) return false;
        await insertRow(em, TicketEvent, { ticketId: t.id, action: 'overdue', fromStatus: t.status, toStatus: t.status, actorId: null, actorRole: 'system', note: '已超过办理时限，已提醒社区督办', photos: [], createdAt: now });
        await this.audit.record(em, { actorId: null, actorRole: 'system', action: 'ticket.overdue', entityType: 'ticket', entityId: t.id, at: now });
        await this.tickets.notifyStaff(em, t.communityId, { kind: 'ticket_overdue', title: `工单 ${t.number} 已超时`, body: '已超过办理时限，请督办。', link: link('serviceDetail', { id: t.id }) });
        await this.notifications.notify(em, [t.assigneeId], { kind: 'ticket_overdue', title: `工单 ${t.number} 已超时`, body: '请尽快处置。', link: link('serviceDetail', { id: t.id }), purpose: 'ticket_overdue', templateData: { character_string1: t.number, phrase2: '办理超时' } });
        return true;
      });
      if (flagged) n++;
    }
    return n;
  }

  /** 3 days of silence after 办结 confirms it. */
  async autoConfirm(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - TICKET_AUTO_CONFIRM_DAYS * DAY);
    const rows = await this.ds.getRepository(Ticket).find({ where: { status: 'resolved', resolvedAt: LessThan(cutoff) }, take: 500 });
    let n = 0;
    for (const t of rows) {
      try {
        await this.tx.run((em) => this.tickets.apply(em, t.id, 'confirm', SYSTEM, { note: `办结后 ${TICKET_AUTO_CONFIRM_DAYS} 天未反馈，系统自动确认`, expectFrom: 'resolved' }));
        n++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
    return n;
  }
}
