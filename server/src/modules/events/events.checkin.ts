import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SIGNUP_INITIAL_STATUS } from '@linli/domain';
import type { CheckinResult } from '@linli/domain';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { Activity, ActivitySignup } from './activity.entities';
import { EventCodes } from './events.codes';
import { EventLifecycle } from './events.lifecycle';
import { EventQueries } from './events.queries';
import { EventScope } from './events.scope';

/**
 * The scans at the venue. They find the sign-up by a code rather than by its id — the activity's scene scanned by
 * the attendee, or the attendee's personal code scanned by staff — then make the move through the lifecycle.
 */
@Injectable()
export class EventCheckin {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly codes: EventCodes,
    private readonly scope: EventScope,
    private readonly queries: EventQueries,
    private readonly lifecycle: EventLifecycle,
  ) {}

  /** The attendee scans the activity's code: they check themself in (standing 'owner'). */
  async byScene(user: AuthUser, scene: string): Promise<CheckinResult> {
    const a = await this.ds.getRepository(Activity).findOne({ where: { scene } });
    if (!a || a.status !== 'published') throw new AppError('EVENT_CODE_INVALID', '活动签到码无效或活动已取消');
    const s = await this.ds.getRepository(ActivitySignup).findOne({ where: { activeKey: `${a.id}:${user.id}` } });
    if (!s || s.status === SIGNUP_INITIAL_STATUS.waiting) throw new AppError('EVENT_NOT_SIGNED_UP');
    return this.lifecycle.checkIn(a, s, user, this.scope.signupStanding(user, null, s, a));
  }

  /** Staff of the activity's community scan an attendee's 我的签到码 to check them in … */
  async inByCode(staff: AuthUser, activityId: number, code: string): Promise<CheckinResult> {
    const { a, s, standing } = await this.attendee(staff, activityId, code);
    return this.lifecycle.checkIn(a, s, staff, standing);
  }

  /** … or out. */
  async outByCode(staff: AuthUser, activityId: number, code: string): Promise<CheckinResult> {
    const { a, s, standing } = await this.attendee(staff, activityId, code);
    return this.lifecycle.checkOut(a, s, staff, standing);
  }

  private async attendee(staff: AuthUser, activityId: number, code: string) {
    const a = await this.queries.getActivity(activityId);
    const standing = this.scope.activityStanding(await this.scope.of(staff), a);
    if (!standing.length) throw AppError.forbidden('只能管理自己负责社区的活动');
    const userId = this.codes.personalCodeUser(code);
    if (!userId) throw new AppError('EVENT_CODE_INVALID', '个人签到码无效');
    const s = await this.ds.getRepository(ActivitySignup).findOne({ where: { activeKey: `${a.id}:${userId}` } });
    if (!s || s.status === SIGNUP_INITIAL_STATUS.waiting) throw new AppError('EVENT_NOT_SIGNED_UP', '此人没有报名该活动，或尚在候补中');
    return { a, s, standing };
  }
}
