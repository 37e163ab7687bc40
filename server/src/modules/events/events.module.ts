import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { PlacesModule } from '../places/places.module';
import './events.errors';

@Module({ imports: [PlacesModule, LedgerModule], controllers: [EventsController], providers: [EventsService], exports: [EventsService] })
export class EventsModule {}
