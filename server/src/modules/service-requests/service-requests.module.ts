import { Module } from '@nestjs/common';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { ServiceRequestsController } from './service-requests.controller';
import { ServiceRequestsService } from './service-requests.service';
import './service-requests.errors';

@Module({ controllers: [ServiceRequestsController, Open311Controller], providers: [ServiceRequestsService, Open311Service], exports: [ServiceRequestsService] })
export class ServiceRequestsModule {}
