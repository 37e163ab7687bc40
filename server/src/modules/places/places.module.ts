import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { PlacesController } from './places.controller';
import { PlacesService } from './places.service';
import { QrCodeService } from './qrcode.service';

@Module({
  imports: [UsersModule, AuditModule, UploadsModule, WechatModule],
  controllers: [PlacesController],
  providers: [PlacesService, QrCodeService],
  exports: [PlacesService, QrCodeService],
})
export class PlacesModule {}
