import { Module } from '@nestjs/common';
import { PlacesModule } from '../places/places.module';
import { HomeController } from './home.controller';
import { HomeQueries } from './home.queries';

/**
 * The 首页 summary. Read-only: it counts and lists the flows' own rows (their entities, imported), within the
 * person's scope from `ScopeService`, and changes nothing — so it depends on the flows and nothing depends on it.
 */
@Module({
  imports: [PlacesModule],
  controllers: [HomeController],
  providers: [HomeQueries],
})
export class HomeModule {}
