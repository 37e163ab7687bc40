import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MeController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [AuditModule], controllers: [MeController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
