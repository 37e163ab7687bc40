import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACTIVITY_ROUTE_ACTIONS, ACTIVITY_TYPES, AUDIENCES, CN_MOBILE, LIMITS, QUESTION_KINDS, SIGNUP_ROUTE_ACTIONS } from '@linli/domain';
import type { ActivityType, Answers, Audience, QuestionKind } from '@linli/domain';
import { IsHundredths, Nullable } from '../../common/validators';

export class QuestionDto {
  @ApiProperty() @IsString({ message: '问题编号须为文字' }) @Length(1, 20, { message: '问题编号须为 1–20 个字' }) id: string;
  @ApiProperty({ enum: QUESTION_KINDS }) @IsIn(QUESTION_KINDS, { message: '问题类型须为 text、single 或 multiple' }) kind: QuestionKind;
  @ApiProperty() @IsString() @Length(1, LIMITS.event.questionTitle, { message: `问题标题须为 1–${LIMITS.event.questionTitle} 个字` }) title: string;
  @ApiProperty() @IsBoolean({ message: '问题是否必答须为 true/false' }) required: boolean;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: '选项最多 20 个' })
  @IsString({ each: true })
  @Length(1, LIMITS.event.option, { each: true, message: `每个选项须为 1–${LIMITS.event.option} 个字` })
  options?: string[];
}

export class CreateActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES }) @IsIn(ACTIVITY_TYPES, { message: '活动类型无效' }) type: ActivityType;
  @ApiProperty() @IsString() @Length(1, LIMITS.event.title, { message: `活动标题须为 1–${LIMITS.event.title} 个字` }) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, LIMITS.event.description, { message: `活动介绍不能超过 ${LIMITS.event.description} 字` }) description?: string;
  @ApiPropertyOptional({ description: 'upload id of the cover image; null removes it', nullable: true }) @Nullable() @IsOptional() @IsInt({ message: '封面须为上传图片编号' }) coverId?: number | null;
  @ApiProperty() @IsString() @Length(1, LIMITS.event.organiser, { message: `组织方须为 1–${LIMITS.event.organiser} 个字` }) organiser: string;
  @ApiProperty() @IsInt({ message: '所属社区须为编号' }) @Min(1) communityId: number;
  @ApiProperty() @IsString() @Length(1, LIMITS.event.place, { message: `活动地点须为 1–${LIMITS.event.place} 个字` }) place: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsInt({ message: '点位须为编号' }) pointId?: number | null;
  @ApiProperty() @IsISO8601({}, { message: '开始时间格式有误' }) startAt: string;
  @ApiProperty() @IsISO8601({}, { message: '结束时间格式有误' }) endAt: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({}, { message: '报名开始时间格式有误' }) signupStartAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({}, { message: '报名截止时间格式有误' }) signupEndAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({}, { message: '取消截止时间格式有误' }) cancelDeadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '签到提前分钟数须为整数' }) @Min(0) @Max(24 * 60) checkinOpensMinutes?: number;
  @ApiProperty() @IsInt({ message: '名额须为整数' }) @Min(1, { message: '名额至少 1 人' }) @Max(100000) capacity: number;
  @ApiProperty({ enum: AUDIENCES }) @IsIn(AUDIENCES, { message: '报名范围无效' }) audience: Audience;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsInt({ message: '限定社区须为编号' }) audienceCommunityId?: number | null;
  @ApiPropertyOptional({ type: [QuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: '报名问题最多 20 个' })
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];
  @ApiPropertyOptional() @IsOptional() @IsHundredths({ message: '志愿时长须为数字，最多两位小数' }) @Min(0) @Max(24) hours?: number;
  @ApiPropertyOptional({ description: 'publish right away' }) @IsOptional() @IsBoolean() publish?: boolean;
}

export class UpdateActivityDto extends PartialType(CreateActivityDto) {}

/** `POST /api/activities/:id/actions/:action` */
export class ActivityActionParam {
  @Type(() => Number) @IsInt({ message: 'id 须为正整数' }) @Min(1) @Max(2_147_483_647) id: number;
  @ApiProperty({ enum: ACTIVITY_ROUTE_ACTIONS }) @IsIn(ACTIVITY_ROUTE_ACTIONS, { message: '未知的操作' }) action: (typeof ACTIVITY_ROUTE_ACTIONS)[number];
}

/** `POST /api/signups/:id/actions/:action` */
export class SignupActionParam {
  @Matches(/^\d{1,20}$/, { message: 'id 须为正整数' }) id: string;
  @ApiProperty({ enum: SIGNUP_ROUTE_ACTIONS }) @IsIn(SIGNUP_ROUTE_ACTIONS, { message: '未知的操作' }) action: (typeof SIGNUP_ROUTE_ACTIONS)[number];
}

/** One body for every action; `note` is the reason where the table asks for one (取消活动). */
export class EventActionDto {
  @ApiPropertyOptional({ description: 'cancel (activity): 取消原因, 1–200 字' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.event.cancelReason, { message: `取消原因须为 1–${LIMITS.event.cancelReason} 个字` })
  note?: string;
}

export class SignupDto {
  @ApiPropertyOptional({ description: 'question id → answer' }) @IsOptional() @IsObject({ message: '报名回答格式有误' }) answers?: Answers;
}

export class ProxySignupDto extends SignupDto {
  @ApiProperty() @Matches(CN_MOBILE, { message: '手机号格式有误' }) phone: string;
  @ApiProperty() @IsString() @Length(1, LIMITS.event.attendeeName, { message: `姓名须为 1–${LIMITS.event.attendeeName} 个字` }) name: string;
}

export class SceneCheckinDto {
  @ApiProperty() @IsString() @Length(3, 32, { message: '签到码无效' }) scene: string;
}

export class CodeCheckinDto {
  @ApiProperty({ description: 'the attendee’s personal code (我的签到码)' }) @IsString() @Length(3, 64, { message: '签到码无效' }) code: string;
}

export class ListActivitiesQuery {
  @IsOptional() @IsIn(ACTIVITY_TYPES, { message: '活动类型无效' }) type?: ActivityType;
  @IsOptional() @IsIn(['1', 'true', '0', 'false']) open?: string;
  /** staff: include drafts and cancelled ones of their communities */
  @IsOptional() @IsIn(['1', 'true', '0', 'false']) manage?: string;
  @IsOptional() @Matches(/^\d{1,12}$/, { message: 'cursor 无效' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class AttendeesQuery {
  @IsOptional() @Matches(/^\d{1,20}$/, { message: 'cursor 无效' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() status?: string;
}

export class CursorQuery {
  @IsOptional() @Matches(/^\d{1,20}$/, { message: 'cursor 无效' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class FeedQuery {
  @IsString() @Length(5, 80) token: string;
}
