import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ROLES, type Role } from '@linli/domain';

export class HomeQuery {
  @ApiPropertyOptional({ description: '按哪个身份显示首页（须为本人持有的身份），缺省为最主要的身份', enum: ROLES })
  @IsOptional()
  @IsIn(ROLES as unknown as string[], { message: '身份须为 resident/volunteer/grid_worker/staff/admin' })
  role?: Role;
}
