import { IsOptionalNotNull } from '../../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { CN_MOBILE, foldSceneInput, LIMITS, SCENE_PATTERN, TICKET_ACTIONS, TICKET_ATTRIBUTE_TYPES, TICKET_MAX_DESCRIPTION, TICKET_MAX_PHOTOS, TICKET_STATUSES } from '@linli/domain';
import type { TicketAction, TicketAttribute, TicketStatus } from '@linli/domain';

export class CreateTicketDto {
  @ApiPropertyOptional({ description: '点位码（扫码进入时）；全角字符按半角' }) @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? foldSceneInput(value) : value)) @Matches(SCENE_PATTERN, { message: '点位码格式不正确' }) scene?: string;
  @ApiPropertyOptional({ description: '点位 id（手动选择点位时）' }) @IsOptional() @IsInt({ message: '点位须为整数' }) @Min(1) pointId?: number;
  @ApiProperty() @IsInt({ message: '请选择分类' }) @Min(1, { message: '请选择分类' }) categoryId: number;
  @ApiProperty() @IsString({ message: '请填写问题描述' }) @Length(1, TICKET_MAX_DESCRIPTION, { message: `问题描述须为 1–${TICKET_MAX_DESCRIPTION} 字` }) description: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray({ message: '照片须为数组' }) @ArrayMaxSize(TICKET_MAX_PHOTOS, { message: `照片最多 ${TICKET_MAX_PHOTOS} 张` }) @IsInt({ each: true, message: '照片 id 须为整数' }) photoIds?: number[];
  @ApiProperty() @IsString({ message: '请填写联系人' }) @Length(1, LIMITS.ticket.contactName, { message: `联系人须为 1–${LIMITS.ticket.contactName} 字` }) contactName: string;
  /** Left out when the account has a bound phone: that number is used, so nobody retypes it. */
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(CN_MOBILE, { message: '联系电话须为 11 位手机号' }) contactPhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '匿名须为是或否' }) anonymous?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsObject({ message: '补充信息格式不正确' }) attributes?: Record<string, unknown>;
}

export class TicketActionParam {
  @Type(() => Number) @IsInt({ message: 'id 须为正整数' }) @Min(1) @Max(2_147_483_647) id: number;
  @IsIn(TICKET_ACTIONS as unknown as string[], { message: '未知的操作' }) action: TicketAction;
}

export class TicketActionDto {
  @ApiPropertyOptional({ description: '说明/理由/办结情况' }) @IsOptional() @IsString() @MaxLength(LIMITS.ticket.note, { message: `说明最多 ${LIMITS.ticket.note} 字` }) note?: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(TICKET_MAX_PHOTOS, { message: `照片最多 ${TICKET_MAX_PHOTOS} 张` }) @IsInt({ each: true }) photoIds?: number[];
  @ApiPropertyOptional({ description: 'merge: 合并到的工单 id' }) @IsOptional() @IsInt() @Min(1) targetId?: number;
  @ApiPropertyOptional({ description: 'dispatch: 处理的网格员' }) @IsOptional() @IsInt() @Min(1) workerId?: number;
  @ApiPropertyOptional({ description: 'check_in: 扫到的点位码；全角字符按半角' }) @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? foldSceneInput(value) : value)) @Matches(SCENE_PATTERN, { message: '点位码格式不正确' }) scene?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({}, { message: '纬度须为数字' }) @Min(-90) @Max(90) lat?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({}, { message: '经度须为数字' }) @Min(-180) @Max(180) lng?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt({ message: '评分须为 1–5 星' }) @Min(1, { message: '评分须为 1–5 星' }) @Max(5, { message: '评分须为 1–5 星' }) rating?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.ticket.comment, { message: `评价最多 ${LIMITS.ticket.comment} 字` }) comment?: string;
}

export class ReassignDto {
  @ApiProperty() @IsInt({ message: '请选择网格员' }) @Min(1) workerId: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class ListQuery {
  @IsOptional() @IsIn(TICKET_STATUSES as unknown as string[], { message: '状态不正确' }) status?: TicketStatus;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) cursor?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;
}

const toFlag = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value);

export class QueueQuery extends ListQuery {
  @IsOptional() @Transform(toInt) @IsInt({ message: '社区须为整数 id' }) @Min(1) communityId?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: '分类须为整数 id' }) @Min(1) categoryId?: number;
  @IsOptional() @IsString() @MaxLength(LIMITS.ticket.search, { message: `搜索词最多 ${LIMITS.ticket.search} 字` }) q?: string;
  /** 只看已超时（处置超时或签收超时） */
  @IsOptional() @Transform(toFlag) @IsBoolean({ message: '已超时须为 true 或 false' }) late?: boolean;
}

/** The export takes the queue's filters and a period (Shanghai dates, inclusive); no status means every status. */
export class ExportQuery {
  @IsOptional() @IsIn(TICKET_STATUSES as unknown as string[], { message: '状态不正确' }) status?: TicketStatus;
  @IsOptional() @Transform(toInt) @IsInt({ message: '社区须为整数 id' }) @Min(1) communityId?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: '分类须为整数 id' }) @Min(1) categoryId?: number;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '开始日期须为 YYYY-MM-DD' }) from?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '结束日期须为 YYYY-MM-DD' }) to?: string;
}

export class WorkerPickQuery {
  @ApiPropertyOptional({ description: '为这张工单挑人：列出其社区的网格员' }) @IsOptional() @Transform(toInt) @IsInt({ message: '工单须为整数 id' }) @Min(1) @Max(2_147_483_647) ticketId?: number;
  @ApiPropertyOptional({ description: '按姓名或手机号搜索' }) @IsOptional() @IsString() @MaxLength(20, { message: '搜索词最多 20 字' }) q?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) cursor?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class WorkerQuery {
  @IsOptional() @IsIn(['pending', 'working', 'overdue'], { message: '列表须为 pending/working/overdue' }) tab?: 'pending' | 'working' | 'overdue';
}

export class BoardQuery {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) communityId?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) categoryId?: number;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '开始日期须为 YYYY-MM-DD' }) from?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '结束日期须为 YYYY-MM-DD' }) to?: string;
}

export class CategoryDto {
  @ApiProperty() @Matches(/^[a-z0-9_]{2,32}$/, { message: '编码须为 2–32 位小写字母、数字或下划线' }) code: string;
  @ApiProperty() @IsString({ message: '请填写名称' }) @Length(1, 30, { message: '名称须为 1–30 字' }) name: string;
  @ApiProperty() @IsString({ message: '请选择图标' }) @Length(1, 16, { message: '图标须为 1 个表情或 1–16 个字符' }) icon: string;
  @ApiProperty() @IsString({ message: '提示须为文字' }) @Length(0, 200, { message: '提示最多 200 字' }) hint: string;
  @ApiProperty() @IsInt({ message: '办理时限须为整数小时' }) @Min(1, { message: '办理时限至少 1 小时' }) @Max(24 * 60, { message: '办理时限最多 1440 小时' }) slaHours: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '签收时限须为整数小时' }) @Min(1, { message: '签收时限至少 1 小时' }) @Max(24 * 7, { message: '签收时限最多 168 小时' }) signForHours?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '排序须为整数' }) @Min(0, { message: '排序不能为负' }) @Max(9999, { message: '排序最大 9999' }) sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '启用须为是或否' }) active?: boolean;
  /** checked by domain's checkTicketAttributeDefs (the console's editor runs the same function) */
  @ApiPropertyOptional() @IsOptional() @IsArray({ message: '补充问题须为列表' }) attributes?: TicketAttribute[];
}

export class UpdateCategoryDto {
  @IsOptional() @IsBoolean({ message: '启用须为是或否' }) active?: boolean;
  @IsOptional() @IsString({ message: '名称须为文字' }) @Length(1, 30, { message: '名称须为 1–30 字' }) name?: string;
  @IsOptional() @IsString({ message: '请选择图标' }) @Length(1, 16, { message: '图标须为 1 个表情或 1–16 个字符' }) icon?: string;
  @IsOptional() @IsString({ message: '提示须为文字' }) @Length(0, 200, { message: '提示最多 200 字' }) hint?: string;
  @IsOptional() @IsInt({ message: '办理时限须为整数小时' }) @Min(1, { message: '办理时限至少 1 小时' }) @Max(24 * 60, { message: '办理时限最多 1440 小时' }) slaHours?: number;
  @IsOptional() @IsInt({ message: '签收时限须为整数小时' }) @Min(1, { message: '签收时限至少 1 小时' }) @Max(24 * 7, { message: '签收时限最多 168 小时' }) signForHours?: number;
  @IsOptional() @IsInt({ message: '排序须为整数' }) @Min(0, { message: '排序不能为负' }) @Max(9999, { message: '排序最大 9999' }) sortOrder?: number;
  @IsOptional() @IsArray({ message: '补充问题须为列表' }) attributes?: TicketAttribute[];
}

export class Open311KeyDto {
  @ApiProperty() @IsString({ message: '请填写用途' }) @Length(1, 100, { message: '用途须为 1–100 字' }) name: string;
}

export const ATTRIBUTE_TYPES = TICKET_ATTRIBUTE_TYPES;
