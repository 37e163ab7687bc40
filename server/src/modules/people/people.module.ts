import { Module } from '@nestjs/common';
import { StateMachineModule } from '../../common/state-machine';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacesModule } from '../places/places.module';
import { ApplicationsService } from './applications.service';
import { BranchesService } from './branches.service';
import { ApplicationsController, BranchesController, InvitesController, PeopleController } from './people.controller';
import { InvitesService } from './invites.service';
import { PeopleService } from './people.service';

/**
 * People and roles: invites to a role, volunteer applications, the people of a community by role (and taking a role
 * away), the admin's list of 党支部. Roles are granted in one place (`role-grants.ts`).
 */
@Module({
  imports: [AuditModule, AuthModule, IdempotencyModule, NotificationsModule, PlacesModule, StateMachineModule],
  controllers: [InvitesController, ApplicationsController, PeopleController, BranchesController],
  providers: [InvitesService, ApplicationsService, PeopleService, BranchesService],
})
export class PeopleModule {}
