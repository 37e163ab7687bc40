import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { COMMUNITY_KINDS, POINT_KINDS, SCENE_PATTERN } from '@linli/domain';

export class SceneParam {
  @Matches(SCENE_PATTERN, { message: 'scene 须为 1–32 位字母、数字或 !#$&\'()*+,/:;=?@-._~' }) scene: string;
}

export class CreatePointDto {
  @ApiProperty() @IsInt() @Min(1) gridId: number;
  @ApiProperty() @IsString() @Length(1, 80) name: string;
  @ApiProperty({ enum: POINT_KINDS }) @IsIn(POINT_KINDS) kind: (typeof POINT_KINDS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 200) address?: string;
  @ApiPropertyOptional({ description: 'custom scene code; generated when omitted' })
  @IsOptional()
  @Matches(SCENE_PATTERN, { message: 'scene 须为 1–32 位字母、数字或 !#$&\'()*+,/:;=?@-._~' })
  scene?: string;
}

export class CreateCommunityDto {
  @ApiProperty() @IsInt() @Min(1) streetId: number;
  @ApiProperty() @IsString() @Length(1, 50) name: string;
  @ApiProperty({ enum: COMMUNITY_KINDS }) @IsIn(COMMUNITY_KINDS) kind: (typeof COMMUNITY_KINDS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) servicePoint?: string;
}

export class CreateGridDto {
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiProperty() @IsString() @Length(1, 50) name: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) workerId?: number;
}

export class AssignWorkerDto {
  @ApiPropertyOptional({ nullable: true, description: 'user id of the grid worker on duty; null to unassign' })
  @IsOptional()
  @IsInt()
  @Min(1)
  workerId: number | null;
}

export class QrQuery {
  @IsOptional() @IsString() token?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(280) width?: number;
}
