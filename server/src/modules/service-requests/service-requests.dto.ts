import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { CN_MOBILE, SCENE_PATTERN, TICKET_ACTIONS, TICKET_ATTRIBUTE_TYPES, TICKET_MAX_DESCRIPTION, TICKET_MAX_PHOTOS, TICKET_STATUSES } from '@linli/domain';
import type { TicketAction, TicketAttribute, TicketStatus } from '@linli/domain';

export class CreateTicketDto {
  @ApiPropertyOptional({ description: '点位码（扫码进入时）' }) @IsOptional() @Matches(SCENE_PATTERN, { message: '点位码格式不正确' }) scene?: string;
  @ApiPropertyOptional({ description: '点位 id（手动选择点位时）' }) @IsOptional() @IsInt({ message: '点位须为整数' }) @Min(1) pointId?: number;
  @ApiProperty() @IsInt({ message: '请选择分类' }) @Min(1, { message: '请选择分类' }) categoryId: number;
  @ApiProperty() @IsString({ message: '请填写问题描述' }) @Length(1, TICKET_MAX_DESCRIPTION, { message: `问题描述须为 1–${TICKET_MAX_DESCRIPTION} 字` }) description: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray({ message: '照片须为数组' }) @ArrayMaxSize(TICKET_MAX_PHOTOS, { message: `照片最多 ${TICKET_MAX_PHOTOS} 张` }) @IsInt({ each: true, message: '照片 id 须为整数' }) photoIds?: number[];
  @ApiProperty() @IsString({ message: '请填写联系人' }) @Length(1, 50, { message: '联系人须为 1–50 字' }) contactName: string;
  @ApiProperty() @Matches(CN_MOBILE, { message: '联系电话须为 11 位手机号' }) contactPhone: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '匿名须为是或否' }) anonymous?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsObject({ message: '补充信息格式不正确' }) attributes?: Record<string, unknown>;
}

export class TicketActionParam {
  @Type(() => Number) @IsInt({ message: 'id 须为正整数' }) @Min(1) @Max(2_147_483_647) id: number;
  @IsIn(TICKET_ACTIONS as unknown as string[], { message: '未知的操作' }) action: TicketAction;
}

export class TicketActionDto {
  @ApiPropertyOptional({ description: '说明/理由/办结情况' }) @IsOptional() @IsString() @MaxLength(1000, { message: '说明最多 1000 字' }) note?: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(TICKET_MAX_PHOTOS, { message: `照片最多 ${TICKET_MAX_PHOTOS} 张` }) @IsInt({ each: true }) photoIds?: number[];
  @ApiPropertyOptional({ description: 'merge: 合并到的工单 id' }) @IsOptional() @IsInt() @Min(1) targetId?: number;
  @ApiPropertyOptional({ description: 'dispatch: 处理的网格员' }) @IsOptional() @IsInt() @Min(1) workerId?: number;
  @ApiPropertyOptional({ description: 'check_in: 扫到的点位码' }) @IsOptional() @Matches(SCENE_PATTERN, { message: '点位码格式不正确' }) scene?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({}, { message: '纬度须为数字' }) @Min(-90) @Max(90) lat?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({}, { message: '经度须为数字' }) @Min(-180) @Max(180) lng?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt({ message: '评分须为 1–5 星' }) @Min(1, { message: '评分须为 1–5 星' }) @Max(5, { message: '评分须为 1–5 星' }) rating?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500, { message: '评价最多 500 字' }) comment?: string;
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

export class QueueQuery extends ListQuery {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) communityId?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) categoryId?: number;
  @IsOptional() @IsString() @MaxLength(50) q?: string;
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
  @ApiProperty() @IsString() @Length(1, 30, { message: '名称须为 1–30 字' }) name: string;
  @ApiProperty() @IsString() @Length(1, 16) icon: string;
  @ApiProperty() @IsString() @Length(0, 200) hint: string;
  @ApiProperty() @IsInt({ message: '时限须为整数小时' }) @Min(1) @Max(24 * 60) slaHours: number;
  @ApiPropertyOptional() @IsOptional() @IsArray() attributes?: TicketAttribute[];
}

export class UpdateCategoryDto {
  @IsOptional() @IsBoolean() active?: boolean;
  @IsOptional() @IsString() @Length(1, 30) name?: string;
  @IsOptional() @IsString() @Length(0, 200) hint?: string;
  @IsOptional() @IsInt() @Min(1) @Max(24 * 60) slaHours?: number;
}

export class Open311KeyDto {
  @ApiProperty() @IsString() @Length(1, 100, { message: '名称须为 1–100 字' }) name: string;
}

export const ATTRIBUTE_TYPES = TICKET_ATTRIBUTE_TYPES;
