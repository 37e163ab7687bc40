import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AGE_GROUPS, CN_MOBILE, GENDERS, WISH_STATUSES, WISH_STORY_MAX, WISH_TITLE_MAX, WISH_TYPES } from '@linli/domain';
import type { AgeGroup, Gender, WishStatus, WishType } from '@linli/domain';
import { IsHundredths } from '../../common/validators';

export class BeneficiaryDto {
  @ApiProperty() @IsString() @Length(1, 50, { message: '姓名须为 1–50 个字' }) name: string;
  @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS, { message: '性别须为 female 或 male' }) gender: Gender;
  @ApiProperty({ enum: AGE_GROUPS }) @IsIn(AGE_GROUPS, { message: '年龄段须为 elder、adult 或 student' }) ageGroup: AgeGroup;
  @ApiProperty() @IsString() @Length(1, 100, { message: '楼栋门牌须为 1–100 个字' }) building: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CN_MOBILE, { message: '联系电话须为 11 位手机号' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 500, { message: '困难情况说明不超过 500 字' }) situation?: string;
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

export class ReasonDto {
  @ApiProperty() @IsString() @Length(2, 200, { message: '原因须为 2–200 个字' }) reason: string;
}

export class PublishDto {
  @ApiPropertyOptional({ description: '党员优先' }) @IsOptional() @IsBoolean() partyPriority?: boolean;
}

export class ProofDto {
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMaxSize(6, { message: '凭证照片最多 6 张' }) @IsInt({ each: true }) photoIds: number[];
  @ApiProperty() @IsString() @Length(2, 300, { message: '圆梦说明须为 2–300 个字' }) note: string;
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

export class CursorQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) cursor?: number;
}

export class ExportQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) userId?: number;
  @IsOptional() @IsString() token?: string;
}

export class CorrectionDto {
  @ApiProperty() @IsInt() @Min(1) entryId: number;
  @ApiProperty({ description: 'hours to add (negative to take away)' }) @IsHundredths({ message: '时长须为数字，最多两位小数' }) @Min(-1000) @Max(1000) hours: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-100000) @Max(100000) points?: number;
  @ApiProperty() @IsString() @Length(2, 200, { message: '更正原因须为 2–200 个字' }) reason: string;
}

export class IdNumberDto {
  @ApiProperty() @Matches(/^\d{17}[\dXx]$/, { message: '身份证号须为 18 位' }) idNumber: string;
}
