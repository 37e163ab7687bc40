import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import ExcelJS from 'exceljs';
import ical, { ICalEventStatus } from 'ical-generator';
import * as QRCode from 'qrcode';
import { DataSource, In } from 'typeorm';
import { ACTIVITY_TYPE_LABELS, CALENDAR_SIGNUP_STATUSES, link, primaryRole, shanghaiDateTime, SIGNUP_INITIAL_STATUS, SIGNUP_STATUS_LABELS } from '@linli/domain';
import type { CalendarLinks, MyCheckinCode } from '@linli/domain';
import { Clock } from '../../common/clock';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { TransactionService } from '../../database/transaction.service';
import { AuditService } from '../audit/audit.service';
import { QrCodeService } from '../places/qrcode.service';
import { User } from '../users/user.entity';
import { Activity, ActivitySignup } from './activity.entities';
import { EventCodes } from './events.codes';
import { EventQueries } from './events.queries';
import { EventScope } from './events.scope';
import { QR_URL_SECONDS, SignedUrls, type SignedUrl } from '../../common/signed-urls/signed-urls';
import { sniffImageType } from '../uploads/uploads.service';

dayjs.extend(utc);
dayjs.extend(timezone);

export const EVENT_TZ = 'Asia/Shanghai';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ICS = 'text/calendar; charset=utf-8';

const VTIMEZONE_SHANGHAI = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'X-LIC-LOCATION:Asia/Shanghai',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** What leaves 活动报名 as a file: the attendee XLSX, iCalendar (one activity, a person's feed) and the QR codes. */
@Injectable()
export class EventExports {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly qrcodes: QrCodeService,
    private readonly codes: EventCodes,
    private readonly scope: EventScope,
    private readonly queries: EventQueries,
    private readonly signedUrls: SignedUrls,
  ) {}

  /** The full attendee list with phones, for staff of the activity's community; the reveal is audited. */
  async exportXlsx(user: AuthUser, id: number): Promise<StreamableFile> {
    const a = await this.queries.getActivity(id);
    if (this.scope.attendeeView(user, await this.scope.of(user), a) !== 'all') throw AppError.forbidden('只有活动的组织者和所在社区的工作人员可以导出报名名单');
    const signups = await this.ds.getRepository(ActivitySignup).find({ where: { activityId: id }, order: { id: 'ASC' } });
    const people = signups.length ? await this.ds.getRepository(User).find({ where: { id: In([...new Set(signups.map((s) => s.userId))]) } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const wb = new ExcelJS.Workbook();
    wb.creator = '邻里';
    const ws = wb.addWorksheet('报名名单');
    const questions = a.questions ?? [];
    ws.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '手机号', key: 'phone', width: 14 },
      { header: '状态', key: 'status', width: 8 },
      { header: '报名时间', key: 'createdAt', width: 18 },
      { header: '签到时间', key: 'checkedInAt', width: 18 },
      { header: '签退时间', key: 'checkedOutAt', width: 18 },
      { header: '志愿时长（小时）', key: 'hours', width: 10 },
      { header: '代报名', key: 'proxy', width: 8 },
      ...questions.map((q) => ({ header: q.title, key: `q_${q.id}`, width: 20 })),
    ];
    const t = (d: Date | null) => (d ? shanghaiDateTime(d) : '');
    signups.forEach((s, i) => {
      const p = byId.get(s.userId);
      const row: Record<string, unknown> = {
        n: i + 1,
        name: p?.name ?? '',
        phone: p?.phone ?? '',
        status: SIGNUP_STATUS_LABELS[s.status],
        createdAt: t(s.createdAt),
        checkedInAt: t(s.checkedInAt),
        checkedOutAt: t(s.checkedOutAt),
        hours: s.centiHours !== null ? s.centiHours / 100 : '',
        proxy: s.proxyBy ? '是' : '',
      };
      for (const q of questions) {
        const v = s.answers?.[q.id];
        row[`q_${q.id}`] = Array.isArray(v) ? v.join('、') : v ?? '';
      }
      ws.addRow(row);
    });
    ws.getRow(1).font = { bold: true };
    await this.tx.run((em) => this.audit.record(em, { actorId: user.id, actorRole: primaryRole(user.roles), action: 'phone.reveal', entityType: 'activity', entityId: id, data: { export: 'xlsx', rows: signups.length } }));
    return new StreamableFile(Buffer.from(await wb.xlsx.writeBuffer()), { type: XLSX, disposition: `attachment; filename="activity-${id}-attendees.xlsx"` });
  }

  /** The printable check-in code for the venue: the activity's a.-scene, opened by the scan landing page. */
  async checkinQrPng(user: AuthUser, id: number, origin: string, width?: number): Promise<StreamableFile> {
    const a = await this.managed(user, id);
    if (!a.scene) throw AppError.notFound('活动签到码');
    const image = await this.qrcodes.scenePng(a.scene, origin, width);
    // WeChat's getwxacodeunlimit answers JPEG; the offline fallback draws PNG.
    return new StreamableFile(image, { type: sniffImageType(image) ?? 'image/png' });
  }

  /** The check-in QR's address for an <Image>, which cannot send the login: signed for this person, minutes long. */
  async checkinQrUrl(user: AuthUser, id: number): Promise<SignedUrl> {
    const a = await this.managed(user, id);
    if (!a.scene) throw AppError.notFound('活动签到码');
    return this.signedUrls.sign(`/api/events/${id}/qrcode.png`, QR_URL_SECONDS, user.id);
  }

  /** 我的签到码, with its QR as a data URL. */
  async myCode(user: AuthUser): Promise<MyCheckinCode> {
    const code = this.codes.personalCode(user.id);
    const qr = await QRCode.toDataURL(code, { width: 360, margin: 2, errorCorrectionLevel: 'M' });
    return { code, qr };
  }

  async activityIcs(user: AuthUser | undefined, id: number, origin: string): Promise<StreamableFile> {
    const a = await this.queries.getActivity(id);
    if (a.status === 'draft' && !(await this.scope.managesCommunity(user, a.communityId))) throw AppError.notFound('活动');
    const cal = this.calendar(a.title);
    this.addEvent(cal, a, origin);
    return new StreamableFile(Buffer.from(this.finish(cal)), { type: ICS, disposition: `attachment; filename="activity-${id}.ics"` });
  }

  /** A person's subscribed calendar, by the signed token in the feed URL (calendar apps send no login). */
  async feedIcs(token: string, origin: string): Promise<StreamableFile> {
    const userId = this.codes.feedTokenUser(token);
    if (!userId) throw new AppError('UNAUTHENTICATED', '日历订阅链接无效');
    const signups = await this.ds.getRepository(ActivitySignup).find({ where: { userId, status: In([...CALENDAR_SIGNUP_STATUSES]) }, order: { id: 'DESC' }, take: 500 });
    const acts = signups.length ? await this.ds.getRepository(Activity).find({ where: { id: In(signups.map((s) => s.activityId)) } }) : [];
    const byId = new Map(acts.map((a) => [a.id, a]));
    const cal = this.calendar('邻里 · 我的活动');
    for (const s of signups) {
      const a = byId.get(s.activityId);
      if (a) this.addEvent(cal, a, origin, s.status === SIGNUP_INITIAL_STATUS.waiting);
    }
    return new StreamableFile(Buffer.from(this.finish(cal)), { type: ICS });
  }

  calendarLinks(user: AuthUser, origin: string): CalendarLinks {
    const base = (this.config.publicUrl ?? origin).replace(/\/$/, '');
    return { feedUrl: `${base}/api/events/calendar/feed.ics?token=${this.codes.feedToken(user.id)}` };
  }

  private async managed(user: AuthUser, id: number): Promise<Activity> {
    const a = await this.queries.getActivity(id);
    if (!(await this.scope.managesCommunity(user, a.communityId))) throw AppError.forbidden('只能管理自己负责社区的活动');
    return a;
  }

  private calendar(name: string) {
    return ical({ name, prodId: { company: 'linli', product: 'events', language: 'ZH' }, timezone: { name: EVENT_TZ, generator: () => VTIMEZONE_SHANGHAI } });
  }

  private addEvent(cal: ReturnType<typeof ical>, a: Activity, origin: string, tentative = false) {
    cal.createEvent({
      id: `activity-${a.id}@linli`,
      timezone: EVENT_TZ,
      start: dayjs(a.startAt).tz(EVENT_TZ),
      end: dayjs(a.endAt).tz(EVENT_TZ),
      stamp: dayjs(a.createdAt).tz(EVENT_TZ),
      summary: `【${ACTIVITY_TYPE_LABELS[a.type]}】${a.title}`,
      description: `${a.description}\n组织方：${a.organiser}`.trim(),
      location: a.place,
      url: `${origin}/#${link('eventDetail', { id: a.id })}`,
      status: a.status === 'cancelled' ? ICalEventStatus.CANCELLED : tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }

  /** DTSTAMP must be UTC (RFC 5545 §3.8.7.2); ical-generator writes it in the calendar's zone. */
  private finish(cal: ReturnType<typeof ical>) {
    const stamp = dayjs(this.clock.now()).utc().format('YYYYMMDD[T]HHmmss[Z]');
    return cal.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${stamp}`);
  }
}
