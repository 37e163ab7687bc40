import { randomBytes } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { checkTicketAttributes, primaryRole, TicketAttribute } from '@linli/domain';
import type { TicketCategory } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { DEMO_OPEN311_KEY, SEED_CATEGORIES } from './catalogue';
import { Open311Key, ServiceCategory, Ticket } from './service-request.entities';
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
    return { id: c.id, code: c.code, name: c.name, icon: c.icon, hint: c.hint, slaHours: c.slaHours, attributes: c.attributes, active: c.active };
  }

  async createCategory(user: AuthUser, dto: CategoryDto) {
    await this.ensureSeeded();
    this.validateAttributeDefs(dto.attributes ?? []);
    return this.tx.run(async (em) => {
      if (await em.findOne(ServiceCategory, { where: { code: dto.code } })) throw new AppError('CONFLICT', '分类编码已存在', { code: ['分类编码已存在'] });
      const max = await em.createQueryBuilder(ServiceCategory, 'c').select('MAX(c.sortOrder)', 'm').getRawOne();
      const c = await em.save(em.create(ServiceCategory, { ...dto, attributes: dto.attributes ?? [], active: true, sortOrder: Number(max?.m ?? 0) + 1 }));
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'service_category.create', entityType: 'service_category', entityId: c.id, data: { code: c.code } });
      return this.categoryView(c);
    });
  }

  async updateCategory(user: AuthUser, id: number, dto: UpdateCategoryDto) {
    await this.ensureSeeded();
    return this.tx.run(async (em) => {
      const c = await em.findOne(ServiceCategory, { where: { id } });
      if (!c) throw AppError.notFound('分类');
      await em.update(ServiceCategory, { id }, dto);
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'service_category.update', entityType: 'service_category', entityId: id, data: { ...dto } });
      return this.categoryView(await em.findOneOrFail(ServiceCategory, { where: { id } }));
    });
  }

  async categoryMap() {
    await this.ensureSeeded();
    const rows = await this.ds.getRepository(ServiceCategory).find();
    return new Map(rows.map((c) => [c.id, c]));
  }

  private validateAttributeDefs(attrs: TicketAttribute[]) {
    const types = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];
    for (const a of attrs) {
      if (!a || typeof a.code !== 'string' || !/^[a-z0-9_]{1,32}$/.test(a.code) || !types.includes(a.datatype) || typeof a.description !== 'string') {
        throw AppError.field('attributes', '补充问题须有 code、datatype（string/number/datetime/text/singlevaluelist/multivaluelist）和 description');
      }
      if (a.datatype.endsWith('valuelist') && !(Array.isArray(a.values) && a.values.length)) throw AppError.field('attributes', `补充问题 ${a.code} 须列出可选值`);
    }
  }

  /** Checks answers to a category's extra questions with the rules the form uses too; returns the cleaned answers. */
  validateAttributes(category: ServiceCategory, answers: Record<string, unknown>, field = 'attributes'): Record<string, unknown> {
    const { cleaned, problems } = checkTicketAttributes(category.attributes, answers);
    const entries = Object.entries(problems);
    if (entries.length) throw new AppError('VALIDATION_FAILED', entries[0][1], Object.fromEntries(entries.map(([code, m]) => [`${field}.${code}`, [m]])));
    return cleaned;
  }

  async issueOpen311Key(user: AuthUser, name: string) {
    const apiKey = `o311_${randomBytes(18).toString('hex')}`;
    await this.tx.run(async (em) => {
      await em.insert(Open311Key, { apiKey, name, active: true, createdBy: user.id });
      await this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'open311_key.issue', entityType: 'open311_key', entityId: apiKey.slice(0, 9), data: { name } });
    });
    return { apiKey, name };
  }
}
