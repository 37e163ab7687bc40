import { Module } from '@nestjs/common';
import { PlacesController } from './places.controller';
import { PlacesService } from './places.service';
import { QrCodeService } from './qrcode.service';

@Module({ controllers: [PlacesController], providers: [PlacesService, QrCodeService], exports: [PlacesService, QrCodeService] })
export class PlacesModule {}
