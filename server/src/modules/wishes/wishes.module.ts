import { Module } from '@nestjs/common';
import { WishLedgerService } from './wish-ledger.service';
import { LedgerViewsController, WishesController } from './wishes.controller';
import { WishesConfig } from './wishes.config';
import { WishesService } from './wishes.service';
import './wishes.errors';

@Module({
  controllers: [WishesController, LedgerViewsController],
  providers: [{ provide: WishesConfig, useFactory: () => WishesConfig.fromEnv() }, WishesService, WishLedgerService],
  exports: [WishesService, WishesConfig],
})
export class WishesModule {}
