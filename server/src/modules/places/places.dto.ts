import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsOptionalNotNull, Nullable } from '../../common/validators';
import { SignedUrlQuery } from '../../common/signed-urls/signed-urls';
import { COMMUNITY_KINDS, POINT_KINDS, SCENE_PATTERN, foldSceneInput } from '@linli/domain';

export class SceneParam {
  // A code typed on a Chinese keyboard (`hy2－b12`) is folded to ASCII before it is checked.
  @Transform(({ value }) => (typeof value === 'string' ? foldSceneInput(value) : value))
  @Matches(SCENE_PATTERN, { message: 'scene 须为 1–32 位字母、数字或 !#$&\'()*+,/:;=?@-._~' }) scene: string;
}

export class CreatePointDto {
  @ApiProperty() @IsInt({ message: '网格须为整数编号' }) @Min(1) @Max(2_147_483_647) gridId: number;
  @ApiProperty() @IsString() @Length(1, 80, { message: '点位名称须为 1–80 个字' }) name: string;
  @ApiProperty({ enum: POINT_KINDS }) @IsIn(POINT_KINDS, { message: '点位类型无效' }) kind: (typeof POINT_KINDS)[number];
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(0, 200, { message: '地址不超过 200 个字' }) address?: string;
  @ApiPropertyOptional({ description: 'WGS-84 / GCJ-02 latitude, as chooseLocation gives it' }) @IsOptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度须为数字' }) @Min(-90, { message: '纬度须在 -90 到 90 之间' }) @Max(90, { message: '纬度须在 -90 到 90 之间' }) lat?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度须为数字' }) @Min(-180, { message: '经度须在 -180 到 180 之间' }) @Max(180, { message: '经度须在 -180 到 180 之间' }) lng?: number;
  @ApiPropertyOptional({ description: 'custom scene code; generated when omitted' })
  @IsOptionalNotNull()
  @Matches(SCENE_PATTERN, { message: 'scene 须为 1–32 位字母、数字或 !#$&\'()*+,/:;=?@-._~' })
  scene?: string;
}

export class UpdatePointDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(1, 80, { message: '点位名称须为 1–80 个字' }) name?: string;
  @ApiPropertyOptional({ enum: POINT_KINDS }) @IsOptionalNotNull() @IsIn(POINT_KINDS, { message: '点位类型无效' }) kind?: (typeof POINT_KINDS)[number];
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(0, 200, { message: '地址不超过 200 个字' }) address?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度须为数字' }) @Min(-90, { message: '纬度须在 -90 到 90 之间' }) @Max(90, { message: '纬度须在 -90 到 90 之间' }) lat?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度须为数字' }) @Min(-180, { message: '经度须在 -180 到 180 之间' }) @Max(180, { message: '经度须在 -180 到 180 之间' }) lng?: number;
  @ApiPropertyOptional({ description: 'false takes the sticker out of use (its code then answers 二维码无效或已停用)' }) @IsOptionalNotNull() @IsBoolean({ message: '启用须为是或否' }) active?: boolean;
}

export class CreateStreetDto {
  @ApiProperty() @IsString() @Length(2, 50, { message: '街道名称须为 2–50 个字' }) name: string;
  @ApiPropertyOptional({ description: '区县, e.g. 相城区' }) @IsOptionalNotNull() @IsString() @Length(0, 50, { message: '区县不超过 50 个字' }) district?: string;
}

export class UpdateCommunityDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(1, 50, { message: '社区名称须为 1–50 个字' }) name?: string;
  @ApiPropertyOptional({ enum: COMMUNITY_KINDS }) @IsOptionalNotNull() @IsIn(COMMUNITY_KINDS, { message: '类型须为社区或村' }) kind?: (typeof COMMUNITY_KINDS)[number];
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(0, 100, { message: '服务站不超过 100 个字' }) servicePoint?: string;
}

export class UpdateGridDto {
  @ApiProperty() @IsString() @Length(1, 50, { message: '网格名称须为 1–50 个字' }) name: string;
}

export class PointListQuery {
  @ApiProperty() @Type(() => Number) @IsInt({ message: '网格须为整数编号' }) @Min(1) @Max(2_147_483_647) gridId: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^\d{1,10}$/, { message: '分页游标无效' }) cursor?: string;
}

export class CreateCommunityDto {
  @ApiProperty() @IsInt() @Min(1) streetId: number;
  @ApiProperty() @IsString() @Length(1, 50, { message: '社区名称须为 1–50 个字' }) name: string;
  @ApiProperty({ enum: COMMUNITY_KINDS }) @IsIn(COMMUNITY_KINDS, { message: '类型须为社区或村' }) kind: (typeof COMMUNITY_KINDS)[number];
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(0, 100) servicePoint?: string;
}

export class CreateGridDto {
  @ApiProperty() @IsInt({ message: '社区须为整数编号' }) @Min(1) @Max(2_147_483_647) communityId: number;
  @ApiProperty() @IsString() @Length(1, 50, { message: '网格名称须为 1–50 个字' }) name: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(1) workerId?: number;
}

export class AssignWorkerDto {
  @ApiPropertyOptional({ nullable: true, description: 'user id of the grid worker on duty; null to unassign' })
  @Nullable()
  @IsOptional()
  @IsInt()
  @Min(1)
  workerId: number | null;
}

/** `width`, and the signature when the image is loaded by its signed URL (an <Image> sends no login). */
export class QrQuery extends SignedUrlQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(280) width?: number;
}
