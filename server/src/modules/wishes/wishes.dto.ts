import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AGE_GROUPS, CN_MOBILE, GENDERS, LIMITS, rolesFor, WISH_ACTIONS, WISH_STATUSES, WISH_STORY_MAX, WISH_TITLE_MAX, WISH_TRANSITIONS, WISH_TYPES } from '@linli/domain';
import type { AgeGroup, Gender, WishAction, WishStatus, WishType } from '@linli/domain';

export class BeneficiaryDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.wish.beneficiaryName, { message: `姓名须为 1–${LIMITS.wish.beneficiaryName} 个字` }) name: string;
  @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS, { message: '性别须为 female 或 male' }) gender: Gender;
  @ApiProperty({ enum: AGE_GROUPS }) @IsIn(AGE_GROUPS, { message: '年龄段须为 elder、adult 或 student' }) ageGroup: AgeGroup;
  @ApiProperty() @IsString() @Length(1, LIMITS.wish.beneficiaryBuilding, { message: `楼栋门牌须为 1–${LIMITS.wish.beneficiaryBuilding} 个字` }) building: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CN_MOBILE, { message: '联系电话须为 11 位手机号' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, LIMITS.wish.situation, { message: `困难情况说明不超过 ${LIMITS.wish.situation} 字` }) situation?: string;
}

export class CreateWishDto {
  @ApiProperty() @IsInt({ message: '社区须为整数编号' }) @Min(1) communityId: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) gridId?: number;
  @ApiPropertyOptional({ description: 'an existing beneficiary of the same community' }) @IsOptional() @IsInt() @Min(1) beneficiaryId?: number;
  @ApiPropertyOptional({ type: BeneficiaryDto }) @IsOptional() @ValidateNested() @Type(() => BeneficiaryDto) beneficiary?: BeneficiaryDto;
  @ApiProperty() @IsString() @Length(2, WISH_TITLE_MAX, { message: `心愿标题须为 2–${WISH_TITLE_MAX} 个字` }) title: string;
  @ApiProperty() @IsString() @Length(1, WISH_STORY_MAX, { message: `心愿故事须为 1–${WISH_STORY_MAX} 个字` }) story: string;
  @ApiProperty({ enum: WISH_TYPES }) @IsIn(WISH_TYPES, { message: '心愿类型须为 物资、服务 或 陪伴' }) type: WishType;
  @ApiProperty() @IsInt({ message: '预估价值须为整数（元）' }) @Min(0, { message: '预估价值不能为负' }) estimatedValue: number;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(6, { message: '照片最多 6 张' }) @IsInt({ each: true }) photoIds?: number[];
  @ApiProperty({ example: '2025-07-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '心愿截止日期格式为 YYYY-MM-DD' }) wishBy: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() partyPriority?: boolean;
}

/** The moves a person may make over HTTP: every action of the table except the scheduler's own (expire). */
export const WISH_PERSON_ACTIONS = WISH_ACTIONS.filter((a) => rolesFor(WISH_TRANSITIONS, a).some((who) => who !== 'system'));

export class WishActionParam {
  @Type(() => Number) @IsInt({ message: 'id 须为正整数' }) @Min(1) @Max(2_147_483_647) id: number;
  @ApiProperty({ enum: WISH_PERSON_ACTIONS }) @IsIn(WISH_PERSON_ACTIONS, { message: '未知的操作' }) action: WishAction;
}

/** One body for every action; each action reads the fields it needs (see `WishLifecycle.act`). */
export class WishActionDto {
  @ApiPropertyOptional({ description: 'reject / withdraw / send_back: 原因 (2–200 字); fulfil: 圆梦说明 (2–300 字)' })
  @IsOptional() @IsString() @Length(2, LIMITS.wish.note, { message: `说明须为 2–${LIMITS.wish.note} 个字` }) note?: string;
  @ApiPropertyOptional({ type: [Number], description: 'fulfil: 圆梦凭证照片' }) @IsOptional() @IsArray() @ArrayMaxSize(6, { message: '凭证照片最多 6 张' }) @IsInt({ each: true }) photoIds?: number[];
  @ApiPropertyOptional({ description: 'publish: 党员优先' }) @IsOptional() @IsBoolean() partyPriority?: boolean;
}

export class WallQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
  @IsOptional() @IsIn(WISH_TYPES, { message: '心愿类型须为 goods、service 或 companionship' }) type?: WishType;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}_\d{1,10}$/, { message: 'cursor 无效' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class ManageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
  @IsOptional() @IsIn(WISH_STATUSES, { message: '状态无效' }) status?: WishStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) cursor?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class CommunityQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
}
