import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UsersService } from './users.service';

/** Accounts (see UsersService). No routes of its own: `GET /api/me` is the session's, in AuthModule. */
@Module({ imports: [AuditModule], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
