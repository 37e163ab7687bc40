import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { open311Status, pointSceneKey, TICKET_STATUS_LABELS, TicketStatus, OPEN_TICKET_STATUSES, CLOSED_TICKET_STATUSES, TICKET_NEAREST_POINT_METRES, TICKET_TRIAGE_COMMUNITY_METRES } from '@linli/domain';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { Community, Grid, Point, Street } from '../places/place.entities';

const t0 = <T>(xs: T[]): T | undefined => xs[0];
import { Open311Key, ServiceCategory, Ticket } from './service-request.entities';
import { distanceMetres } from './geo';
import { TicketCatalogue } from './service-requests.catalogue';
import { ServiceRequestsService } from './service-requests.service';
import { HoldsService } from '../moderation/holds.service';

/**
 * Where a request by lat/long goes (README, "Open311"): the nearest point within TICKET_NEAREST_POINT_METRES; else
 * the triage queue of the community of the nearest point within TICKET_TRIAGE_COMMUNITY_METRES; else the street's.
 */
type Placement = { point: Point; metres: number } | { community: Community; metres: number } | { street: true; metres: number | null };

const bad = (description: string, status = 400) => new AppError(status === 404 ? 'NOT_FOUND' : status === 403 ? 'OPEN311_BAD_KEY' : 'VALIDATION_FAILED', description);

@Injectable()
export class Open311Service {
  constructor(
    private readonly tickets: ServiceRequestsService,
    private readonly catalogue: TicketCatalogue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly holds: HoldsService,
  ) {}

  private get ds() {
    return this.tickets.dataSource;
  }

  jsonName(file: string): string {
    if (!file.endsWith('.json')) throw bad('Only the JSON format is supported (.json)', 404);
    return decodeURIComponent(file.slice(0, -5));
  }

  private jurisdiction(q: Record<string, unknown>) {
    const j = q.jurisdiction_id;
    if (j !== undefined && j !== '' && j !== this.config.open311.jurisdictionId) throw bad(`jurisdiction_id not found: ${String(j)}`, 404);
  }

  discovery() {
    return {
      changeset: '2026-11-28T00:00:00Z',
      contact: '漕湖街道 邻里 码上办',
      key_service: '管理员在后台签发 api_key',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: '/open311/v2', changeset: '2026-11-28T00:00:00Z', type: 'production', formats: ['application/json'] }],
    };
  }

  async services(q: Record<string, string>) {
    this.jurisdiction(q);
    const cats = await this.catalogue.categories();
    return cats.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: c.hint,
      metadata: c.attributes.length > 0,
      type: 'realtime',
      keywords: c.name,
      group: '码上办',
    }));
  }

  async service(code: string, q: Record<string, string>) {
    this.jurisdiction(q);
    await this.catalogue.ensureSeeded();
    const c = await this.ds.getRepository(ServiceCategory).findOne({ where: { code, active: true } });
    if (!c) throw bad(`service_code not found: ${code}`, 404);
    return {
      service_code: c.code,
      attributes: c.attributes.map((a) => ({
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatype.endsWith('valuelist') ? '从列表中选择' : null,
        order: a.order,
        description: a.description,
        ...(a.values ? { values: a.values } : {}),
      })),
    };
  }

  private str(body: Record<string, unknown>, key: string): string | undefined {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    const s = Array.isArray(v) ? String(v[0]) : String(v);
    return s === '' ? undefined : s;
  }

  /** attribute[code]=v (flat form keys) or attribute={code:v} (nested parsers); repeated keys make a list. */
  private attributes(body: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
      const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
      if (m) out[m[1]] = v;
    }
    if (body.attribute && typeof body.attribute === 'object') Object.assign(out, body.attribute as Record<string, unknown>);
    return out;
  }

  async create(body: Record<string, unknown>) {
    this.jurisdiction(body);
    await this.catalogue.ensureSeeded();
    const apiKey = this.str(body, 'api_key');
    if (!apiKey) throw bad('api_key is required', 403);
    const key = await this.ds.getRepository(Open311Key).findOne({ where: { apiKey, active: true } });
    if (!key) throw bad('api_key is invalid', 403);
    const code = this.str(body, 'service_code');
    if (!code) throw bad('service_code is required');
    const category = await this.ds.getRepository(ServiceCategory).findOne({ where: { code } });
    if (!category || !category.active) throw bad(`service_code not found: ${code}`, 404);
    const description = this.str(body, 'description') ?? '';
    if (!description.trim()) throw bad('description is required');
    if (description.length > 1000) throw bad('description must be at most 1000 characters');
    const addressId = this.str(body, 'address_id');
    const latS = this.str(body, 'lat');
    const lngS = this.str(body, 'long');
    let placement: Placement;
    let lat: number | null = null;
    let lng: number | null = null;
    if (latS !== undefined || lngS !== undefined) {
      lat = Number(latS);
      lng = Number(lngS);
      if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) throw bad('lat and long must both be valid WGS84 numbers');
    }
    if (addressId) {
      // Point codes are stored in lower case; a client may send them as printed or typed (HY2-B12, full-width).
      const point = await this.ds.getRepository(Point).findOne({ where: { scene: pointSceneKey(addressId), active: true } });
      if (!point) throw bad(`address_id not found: ${addressId}`);
      placement = { point, metres: 0 };
    } else if (lat !== null && lng !== null) {
      placement = await this.place(lat, lng);
    } else {
      throw bad('a location is required: lat and long, or address_id');
    }
    const addressString = this.str(body, 'address_string')?.trim().slice(0, 200) || null;
    const attributes = this.catalogue.validateAttributes(category, this.attributes(body));
    const mediaUrl = this.str(body, 'media_url');
    if (mediaUrl && !/^https?:\/\/\S{1,500}$/.test(mediaUrl)) throw bad('media_url must be an http(s) URL');
    const name = [this.str(body, 'last_name'), this.str(body, 'first_name')].filter(Boolean).join('') || '外部渠道';
    const phone = this.str(body, 'phone') ?? null;
    const ticket = await this.tickets.transactions.run((em) =>
      this.tickets.create(em, { id: null, role: 'open311' }, null, {
        categoryId: category.id,
        point: 'point' in placement ? placement.point : null,
        triageCommunityId: 'community' in placement ? placement.community.id : null,
        addressString,
        description: description.trim(),
        photos: mediaUrl ? [{ id: 0, url: mediaUrl, thumbUrl: mediaUrl, width: 0, height: 0 }] : [],
        contactName: name.slice(0, 50),
        contactPhone: phone ? phone.slice(0, 20) : null,
        anonymous: false,
        attributes: { ...attributes, open311_key: key.id },
        source: 'open311',
        lat,
        lng,
      }),
    );
    return [{ service_request_id: ticket.number, service_notice: this.notice(ticket.number, placement), account_id: null }];
  }

  /** The nearest point with coordinates decides: that point, its community's triage queue, or the street's. */
  private async place(lat: number, lng: number): Promise<Placement> {
    const candidates = (await this.ds.getRepository(Point).find({ where: { active: true } })).filter((p) => p.lat !== null && p.lng !== null);
    let best: { p: Point; d: number } | null = null;
    for (const p of candidates) {
      const d = distanceMetres({ lat, lng }, { lat: p.lat!, lng: p.lng! });
      if (!best || d < best.d) best = { p, d };
    }
    if (best && best.d <= TICKET_NEAREST_POINT_METRES) return { point: best.p, metres: best.d };
    if (best && best.d <= TICKET_TRIAGE_COMMUNITY_METRES) {
      const grid = await this.ds.getRepository(Grid).findOne({ where: { id: best.p.gridId } });
      const community = grid ? await this.ds.getRepository(Community).findOne({ where: { id: grid.communityId } }) : null;
      if (community) return { community, metres: best.d };
    }
    return { street: true, metres: best ? best.d : null };
  }

  /** GeoReport's service_notice: what the client should tell its user about where the request went. */
  private notice(number: string, placement: Placement): string {
    const far = (m: number | null) => (m === null ? '附近没有登记坐标的点位' : `距最近的登记点位约 ${Math.round(m)} 米`);
    if ('point' in placement) return `已受理，编号 ${number}，点位：${placement.point.name}`;
    if ('community' in placement) return `已受理，编号 ${number}。${far(placement.metres)}，超出 ${TICKET_NEAREST_POINT_METRES} 米，已转入${placement.community.name}的待分拣队列，由社区工作人员确认位置后派单`;
    return `已受理，编号 ${number}。${far(placement.metres)}，不在任何社区 ${TICKET_TRIAGE_COMMUNITY_METRES} 米范围内，已转入街道待分拣队列，由街道工作人员确认位置后派单`;
  }

  async list(query: Record<string, string | string[]>) {
    // ?status=open&status=closed arrives as an array (it was a 500): repeated filters read as one comma-separated list.
    const q = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    this.jurisdiction(q);
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t');
    if (q.service_request_id) {
      const ids = q.service_request_id.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 100);
      qb.where('t.number IN (:...ids)', { ids: ids.length ? ids : ['-'] });
    } else {
      // The spec's defaults: the last 90 days, at most 1000 requests.
      const end = q.end_date ? new Date(q.end_date) : new Date(this.tickets.now);
      const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - 90 * 86_400_000);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw bad('start_date and end_date must be w3c datetimes');
      qb.where('t.createdAt >= :start AND t.createdAt <= :end', { start, end });
      if (q.service_code) {
        const cats = await this.ds.getRepository(ServiceCategory).find({ where: { code: In(q.service_code.split(',')) } });
        qb.andWhere('t.categoryId IN (:...cs)', { cs: cats.length ? cats.map((c) => c.id) : [-1] });
      }
      if (q.status) {
        const wanted = q.status.split(',');
        if (!wanted.every((s) => s === 'open' || s === 'closed')) throw bad('status must be open or closed');
        const sts: TicketStatus[] = [...(wanted.includes('open') ? OPEN_TICKET_STATUSES : []), ...(wanted.includes('closed') ? CLOSED_TICKET_STATUSES : [])];
        qb.andWhere('t.status IN (:...sts)', { sts });
      }
    }
    // Text WeChat has not passed is not published here either.
    qb.andWhere(this.holds.notWithheldSql('ticket', 't'));
    const rows = await qb.orderBy('t.id', 'DESC').take(1000).getMany();
    return this.views(rows);
  }

  async one(number: string, q: Record<string, string>) {
    this.jurisdiction(q);
    const t = await this.ds.getRepository(Ticket).findOne({ where: { number } });
    if (!t) throw bad(`service_request_id not found: ${number}`, 404);
    return this.views([t]);
  }

  /** Public entries only: no contact, no requester name. */
  private async views(rows: Ticket[]) {
    if (!rows.length) return [];
    await this.catalogue.ensureSeeded();
    const ids = (xs: Array<number | null>) => [...new Set(xs.filter((x): x is number => x !== null)), -1];
    const [cats, points, communities] = await Promise.all([
      this.ds.getRepository(ServiceCategory).find(),
      this.ds.getRepository(Point).find({ where: { id: In(ids(rows.map((r) => r.pointId))) } }),
      this.ds.getRepository(Community).find({ where: { id: In(ids(rows.map((r) => r.communityId))) } }),
    ]);
    const cat = new Map(cats.map((c) => [c.id, c]));
    const pt = new Map(points.map((p) => [p.id, p]));
    const cm = new Map(communities.map((c) => [c.id, c]));
    const street = t0(await this.ds.getRepository(Street).find({ take: 1 }));
    return rows.map((t) => {
      const c = cat.get(t.categoryId);
      const p = t.pointId !== null ? pt.get(t.pointId) : undefined;
      const status = open311Status(t.status);
      const notes = [TICKET_STATUS_LABELS[t.status], t.status === 'resolved' || t.status === 'closed' || t.status === 'rated' ? t.resolutionNote : null].filter(Boolean).join('：');
      return {
        service_request_id: t.number,
        status,
        status_notes: notes,
        service_name: c?.name ?? '',
        service_code: c?.code ?? '',
        description: t.description,
        agency_responsible: (t.communityId !== null ? cm.get(t.communityId)?.name : street?.name) ?? '',
        service_notice: null,
        requested_datetime: t.createdAt.toISOString(),
        updated_datetime: t.updatedAt.toISOString(),
        expected_datetime: t.dueAt ? t.dueAt.toISOString() : null,
        address: p?.address ?? p?.name ?? t.addressString ?? '',
        address_id: p?.scene ?? null,
        zipcode: null,
        lat: t.lat ?? p?.lat ?? null,
        long: t.lng ?? p?.lng ?? null,
        // Residents' photos stay in the app; a photo that came in through Open311 as a URL goes back out.
        media_url: t.source === 'open311' ? t.photos[0]?.url ?? null : null,
      };
    });
  }
}
