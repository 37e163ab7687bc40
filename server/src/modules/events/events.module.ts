import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { PlacesModule } from '../places/places.module';
import './events.errors';

@Module({ imports: [PlacesModule], controllers: [EventsController], providers: [EventsService], exports: [EventsService] })
export class EventsModule {}
