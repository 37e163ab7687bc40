import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UploadsModule } from '../uploads/uploads.module';
import { WechatModule } from '../wechat/wechat.module';
import { PlacesController } from './places.controller';
import { PlacesService } from './places.service';
import { QrCodeService } from './qrcode.service';
import { ScopeService } from './scope.service';

/**
 * The map — streets, communities, grids, points and their QR codes — and who answers for which part of it
 * (`ScopeService`, imported by every flow). It reads the `users` table for the grid worker on duty; `users`
 * imports nothing from here.
 */
@Module({
  imports: [AuditModule, UploadsModule, WechatModule],
  controllers: [PlacesController],
  providers: [PlacesService, QrCodeService, ScopeService],
  exports: [PlacesService, QrCodeService, ScopeService],
})
export class PlacesModule {}
