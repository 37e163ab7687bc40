import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { CursorQuery, GrantDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: CursorQuery) {
    return this.notifications.list(user.id, q.cursor);
  }

  @Get('unread-count')
  unread(@CurrentUser() user: AuthUser) {
    return this.notifications.unreadCount(user.id);
  }

  @Get('templates')
  templates() {
    return this.notifications.templates;
  }

  /** 消息提醒: the sends each purpose has left for this user */
  @Get('subscriptions')
  subscriptions(@CurrentUser() user: AuthUser) {
    return this.notifications.grants(user.id);
  }

  @Post('read-all')
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  read(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.notifications.markRead(user.id, String(p.id));
  }

  @Post('subscriptions')
  grant(@CurrentUser() user: AuthUser, @Body() dto: GrantDto) {
    return this.notifications.grant(user.id, dto.accepted);
  }
}
