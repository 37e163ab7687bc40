import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsOptionalNotNull, Nullable } from '../../common/validators';
import { APPLICATION_STATUSES, INVITE_MAX_DAYS, INVITE_ROLES, ROLES } from '@linli/domain';
import type { ApplicationStatus, InviteRole, InviteStatus, Role } from '@linli/domain';

const INVITE_STATUSES: InviteStatus[] = ['open', 'used', 'revoked', 'expired'];

export class CreateInviteDto {
  @ApiProperty({ enum: INVITE_ROLES }) @IsIn(INVITE_ROLES, { message: '身份须为 网格员、工作人员 或 志愿者' }) role: InviteRole;
  @ApiPropertyOptional({ description: 'grid_worker: the grid' }) @IsOptionalNotNull() @IsInt({ message: '网格须为整数编号' }) @Min(1) @Max(2_147_483_647) gridId?: number;
  @ApiPropertyOptional({ description: 'staff: the community; volunteer: the community they serve' })
  @IsOptionalNotNull()
  @IsInt({ message: '社区须为整数编号' })
  @Min(1)
  @Max(2_147_483_647)
  communityId?: number;
  @ApiPropertyOptional({ description: 'volunteer: the 党支部 of a party member' }) @IsOptionalNotNull() @IsInt({ message: '党支部须为整数编号' }) @Min(1) @Max(2_147_483_647) branchId?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean({ message: '是否党员须为是或否' }) isPartyMember?: boolean;
  @ApiPropertyOptional({ description: 'who it is for, as the inviter writes it' }) @IsOptionalNotNull() @IsString() @Length(0, 50, { message: '备注不超过 50 个字' }) note?: string;
  @ApiPropertyOptional({ description: 'days until it expires, default 7' })
  @IsOptionalNotNull()
  @IsInt({ message: '有效期须为整数天' })
  @Min(1, { message: '有效期至少 1 天' })
  @Max(INVITE_MAX_DAYS, { message: `有效期最多 ${INVITE_MAX_DAYS} 天` })
  expiresInDays?: number;
}

export class InviteCodeDto {
  @ApiProperty({ example: 'K7QM-3XPA' }) @IsString({ message: '请输入邀请码' }) @Length(1, 40, { message: '邀请码须为 8 位字母和数字' }) code: string;
}

export class InviteListQuery {
  @ApiPropertyOptional({ enum: INVITE_STATUSES }) @IsOptionalNotNull() @IsIn(INVITE_STATUSES, { message: '状态无效' }) status?: InviteStatus;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^\d{1,10}$/, { message: '分页游标无效' }) cursor?: string;
}

export class CreateApplicationDto {
  @ApiProperty() @IsBoolean({ message: '是否党员须为是或否' }) isPartyMember: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt({ message: '党支部须为整数编号' }) @Min(1) @Max(2_147_483_647) branchId?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(0, 200, { message: '申请说明不超过 200 字' }) note?: string;
}

export class ApplicationListQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptionalNotNull() @IsIn(APPLICATION_STATUSES, { message: '状态无效' }) status?: ApplicationStatus;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^\d{1,10}$/, { message: '分页游标无效' }) cursor?: string;
}

export class ReasonDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(0, 200, { message: '理由不超过 200 字' }) reason?: string;
}

export class PeopleQuery {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: '身份无效' }) role: Role;
  @ApiPropertyOptional() @IsOptionalNotNull() @Type(() => Number) @IsInt({ message: '社区须为整数编号' }) @Min(1) @Max(2_147_483_647) communityId?: number;
  @ApiPropertyOptional({ description: 'only the party members of this 党支部' }) @IsOptionalNotNull() @Type(() => Number) @IsInt({ message: '党支部须为整数编号' }) @Min(1) @Max(2_147_483_647) branchId?: number;
  @ApiPropertyOptional({ description: 'name, or the last digits of the phone' }) @IsOptionalNotNull() @IsString() @Length(0, 20, { message: '搜索词不超过 20 个字' }) q?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^\d{1,10}$/, { message: '分页游标无效' }) cursor?: string;
}

export class RemoveRoleDto {
  @ApiProperty({ enum: INVITE_ROLES }) @IsIn(INVITE_ROLES, { message: '只能移除 网格员、工作人员 或 志愿者 身份' }) role: InviteRole;
  @ApiPropertyOptional({ description: 'staff: which community to take them off (default: all within your scope)' })
  @IsOptionalNotNull()
  @IsInt({ message: '社区须为整数编号' })
  @Min(1)
  @Max(2_147_483_647)
  communityId?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(0, 200, { message: '理由不超过 200 字' }) reason?: string;
}

export class BranchDto {
  @ApiProperty() @IsString() @Length(2, 100, { message: '支部名称须为 2–100 个字' }) name: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsInt({ message: '社区须为整数编号' }) @Min(1) @Max(2_147_483_647) communityId?: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'user id of the 支部书记' })
  @Nullable()
  @IsOptional()
  @IsInt({ message: '支部书记须为整数编号' })
  @Min(1)
  @Max(2_147_483_647)
  secretaryId?: number | null;
}
