import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HomeSummary } from '@linli/domain';
import { AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { HomeQuery } from './home.dto';
import { HomeQueries } from './home.queries';

@ApiTags('home')
@ApiBearerAuth()
@Controller('home')
export class HomeController {
  constructor(private readonly queries: HomeQueries) {}

  /** 首页: what waits for this person in the role they act in now, within their scope. */
  @Get()
  summary(@CurrentUser() user: AuthUser, @Query() q: HomeQuery): Promise<HomeSummary> {
    return this.queries.summary(user, q.role);
  }
}
