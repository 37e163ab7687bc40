import { randomBytes } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { checkTicketAttributeDefs, checkTicketAttributes, iso, primaryRole, TICKET_DEFAULT_SIGN_FOR_HOURS, TicketAttribute } from '@linli/domain';
import type { Open311KeyIssued, Open311KeyView, TicketCategory } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { DEMO_OPEN311_KEY, SEED_CATEGORIES } from './catalogue';
import { Open311Key, ServiceCategory, Ticket } from './service-request.entities';
import { backfillTicketRollupsSqlite, TicketRollup } from './ticket-rollups';
import { recountTickets, TicketStatusCount } from './ticket-status-counts';
import type { CategoryDto, UpdateCategoryDto } from './service-requests.dto';

export function isDuplicate(err: unknown) {
  const code = (err as any)?.driverError?.code ?? (err as any)?.code;
  return err instanceof QueryFailedError && (code === 'ER_DUP_ENTRY' || String(code).startsWith('SQLITE_CONSTRAINT'));
}

/** 码上办's catalogue: the categories residents file under, their extra questions, and the Open311 keys. */
@Injectable()
export class TicketCatalogue {
  private seeded: Promise<void> | null = null;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /** Seeds the catalogue (and the demo Open311 key) the first time anything needs them; migrations run after module init. */
  ensureSeeded(): Promise<void> {
    if (!this.seeded) {
      this.seeded = this.seed().catch((err) => {
        this.seeded = null;
        throw err;
      });
    }
    return this.seeded;
  }

  private async seed() {
    const repo = this.ds.getRepository(ServiceCategory);
    if ((await repo.count()) === 0) {
      for (const [i, c] of SEED_CATEGORIES.entries()) {
        try {
          await repo.insert({ ...c, active: true, sortOrder: i + 1 });
        } catch (err) {
          if (!isDuplicate(err)) throw err;
        }
      }
    }
    // SQLite builds its schema by synchronize, not by the migration that backfills the counters: rebuild them once
    // for a database that had tickets before the counters existed.
    if (this.tx.isSqlite && (await this.ds.getRepository(TicketStatusCount).count()) === 0 && (await this.ds.getRepository(Ticket).count()) > 0) {
      await this.tx.run((em) => recountTickets(em));
    }
    if (this.tx.isSqlite && (await this.ds.getRepository(TicketRollup).count()) === 0 && (await this.ds.getRepository(Ticket).count()) > 0) {
      await this.tx.run((em) => backfillTicketRollupsSqlite(em));
    }
    if (this.config.demoMode) {
      const keys = this.ds.getRepository(Open311Key);
      if (!(await keys.findOne({ where: { apiKey: DEMO_OPEN311_KEY } }))) {
        try {
          await keys.insert({ apiKey: DEMO_OPEN311_KEY, name: '演示密钥（仅演示模式）', active: true, createdBy: null });
        } catch (err) {
          if (!isDuplicate(err)) throw err;
        }
      }
    }
  }

  // ───────────────────────── categories ─────────────────────────

  async categories(includeDisabled = false): Promise<TicketCategory[]> {
    await this.ensureSeeded();
    const rows = await this.ds.getRepository(ServiceCategory).find({ where: includeDisabled ? {} : { active: true }, order: { sortOrder: 'ASC', id: 'ASC' } });
    return rows.map((c) => this.categoryView(c));
  }

  categoryView(c: ServiceCategory): TicketCategory {
    return { id: c.id, code: c.code, name: c.name, icon: c.icon, hint: c.hint, slaHours: c.slaHours, signForHours: c.signForHours, sortOrder: c.sortOrder, attributes: c.attributes, active: c.active };
  }

  async category(id: number): Promise<TicketCategory> {
    await this.ensureSeeded();
    const c = await this.ds.getRepository(ServiceCategory).findOne({ where: { id } });
    if (!c) throw AppError.notFound('分类');
    return this.categoryView(c);
  }

  async createCategory(user: AuthUser, dto: CategoryDto) {
    await this.ensureSeeded();
    const attributes = this.validateAttributeDefs(dto.attributes ?? []);
    return this.tx.run(async (em) => {
      if (await em.findOne(ServiceCategory, { where: { code: dto.code } })) throw new AppError('CONFLICT', '分类编码已存在', { code: ['分类编码已存在'] });
      const max = await em.createQueryBuilder(ServiceCategory, 'c').select('MAX(c.sortOrder)', 'm').getRawOne();
      const c = await em.save(
        em.create(ServiceCategory, {
          code: dto.code,
          name: dto.name.trim(),
          icon: dto.icon.trim(),
          hint: dto.hint.trim(),
          slaHours: dto.slaHours,
          signForHours: dto.signForHours ?? TICKET_DEFAULT_SIGN_FOR_HOURS,
          attributes,
          active: dto.active ?? true,
          sortOrder: dto.sortOrder ?? Number(max?.m ?? 0) + 1,
        }),
      );
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'service_category.create', entityType: 'service_category', entityId: c.id, data: { code: c.code, attributes: attributes.length } });
      return this.categoryView(c);
    });
  }

  async updateCategory(user: AuthUser, id: number, dto: UpdateCategoryDto) {
    await this.ensureSeeded();
    const set: Partial<ServiceCategory> = {};
    if (dto.name !== undefined) set.name = dto.name.trim();
    if (dto.icon !== undefined) set.icon = dto.icon.trim();
    if (dto.hint !== undefined) set.hint = dto.hint.trim();
    if (dto.slaHours !== undefined) set.slaHours = dto.slaHours;
    if (dto.signForHours !== undefined) set.signForHours = dto.signForHours;
    if (dto.sortOrder !== undefined) set.sortOrder = dto.sortOrder;
    if (dto.active !== undefined) set.active = dto.active;
    if (dto.attributes !== undefined) set.attributes = this.validateAttributeDefs(dto.attributes);
    if (set.name === '') throw AppError.field('name', '名称须为 1–30 字');
    return this.tx.run(async (em) => {
      const c = await em.findOne(ServiceCategory, { where: { id } });
      if (!c) throw AppError.notFound('分类');
      if (Object.keys(set).length) await em.update(ServiceCategory, { id }, set);
      // Tickets keep the answers they were filed with; only new filings meet the new questions.
      const changed = Object.keys(set).filter((k) => JSON.stringify((c as any)[k]) !== JSON.stringify((set as any)[k]));
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'service_category.update', entityType: 'service_category', entityId: id, data: { changed, ...set, attributes: set.attributes?.map((a) => `${a.code}:${a.datatype}${a.required ? '*' : ''}`) } });
      return this.categoryView(await em.findOneOrFail(ServiceCategory, { where: { id } }));
    });
  }

  async categoryMap() {
    await this.ensureSeeded();
    const rows = await this.ds.getRepository(ServiceCategory).find();
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** The console's question editor runs the same check (domain's checkTicketAttributeDefs) before it saves. */
  private validateAttributeDefs(attrs: unknown): TicketAttribute[] {
    const { cleaned, problems } = checkTicketAttributeDefs(attrs);
    const entries = Object.entries(problems);
    if (entries.length) throw new AppError('VALIDATION_FAILED', entries[0][1], Object.fromEntries(entries.map(([k, m]) => [k, [m]])));
    return cleaned;
  }

  /** Checks answers to a category's extra questions with the rules the form uses too; returns the cleaned answers. */
  validateAttributes(category: ServiceCategory, answers: Record<string, unknown>, field = 'attributes'): Record<string, unknown> {
    const { cleaned, problems } = checkTicketAttributes(category.attributes, answers);
    const entries = Object.entries(problems);
    if (entries.length) throw new AppError('VALIDATION_FAILED', entries[0][1], Object.fromEntries(entries.map(([code, m]) => [`${field}.${code}`, [m]])));
    return cleaned;
  }

  // ───────────────────────── Open311 keys ─────────────────────────

  private keyView(k: Open311Key): Open311KeyView {
    return { id: k.id, name: k.name, prefix: `${k.apiKey.slice(0, 9)}…`, active: k.active, createdAt: iso(k.createdAt)!, revokedAt: iso(k.revokedAt) };
  }

  /** Every key, newest first: its name and a prefix to tell it apart. Never the key. */
  async open311Keys(): Promise<Open311KeyView[]> {
    await this.ensureSeeded();
    const keys = await this.ds.getRepository(Open311Key).find({ order: { id: 'DESC' }, take: 200 });
    return keys.map((k) => this.keyView(k));
  }

  /** A new key: shown once in this answer, then only its prefix. */
  async issueOpen311Key(user: AuthUser, name: string): Promise<Open311KeyIssued> {
    const apiKey = `o311_${randomBytes(18).toString('hex')}`;
    const key = await this.tx.run(async (em) => {
      await em.insert(Open311Key, { apiKey, name: name.trim(), active: true, createdBy: user.id });
      const k = await em.findOneOrFail(Open311Key, { where: { apiKey } });
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'open311_key.issue', entityType: 'open311_key', entityId: k.id, data: { name: k.name, prefix: apiKey.slice(0, 9) } });
      return k;
    });
    return { ...this.keyView(key), apiKey };
  }

  /** Revoking is final: the key stops filing at once; what it filed stays. */
  async revokeOpen311Key(user: AuthUser, id: number): Promise<Open311KeyView> {
    return this.tx.run(async (em) => {
      const k = await em.findOne(Open311Key, { where: { id } });
      if (!k) throw AppError.notFound('密钥');
      if (!k.active) throw new AppError('CONFLICT', '这个密钥已经吊销了');
      const now = new Date();
      const res = await em.createQueryBuilder().update(Open311Key).set({ active: false, revokedAt: now }).where('id = :id AND active = :a', { id, a: true }).execute();
      if (!res.affected) throw new AppError('CONFLICT', '这个密钥已经吊销了');
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'open311_key.revoke', entityType: 'open311_key', entityId: id, data: { name: k.name } });
      return this.keyView({ ...k, active: false, revokedAt: now });
    });
  }
}
