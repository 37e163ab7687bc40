import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlacesModule } from '../places/places.module';
import { LedgerAccess } from './ledger.access';
import { LedgerController } from './ledger.controller';
import { LedgerCorrections } from './ledger.corrections';
import { LedgerExports } from './ledger.exports';
import { LedgerQueries } from './ledger.queries';
import { LedgerService } from './ledger.service';

/** The volunteer ledger: `LedgerService` credits hours (imported by wishes and events); the rest is `/ledger`. */
@Module({
  imports: [AuditModule, PlacesModule],
  controllers: [LedgerController],
  providers: [LedgerAccess, LedgerService, LedgerQueries, LedgerCorrections, LedgerExports],
  exports: [LedgerService],
})
export class LedgerModule {}
