import { Module } from '@nestjs/common';
import { PositionsModule } from '@lib/positions';
import { RealtimeModule } from '@lib/realtime';
import { LocationsController } from './locations.controller';
import { LocationsService } from './locations.service';

/** `POST /api/v1/couriers/me/locations`: offline batches of courier positions. */
@Module({ imports: [PositionsModule, RealtimeModule], controllers: [LocationsController], providers: [LocationsService] })
export class LocationsModule {}
