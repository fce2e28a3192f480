import { DynamicModule, Module } from '@nestjs/common';
import { SessionRevocations, Tokens } from '@lib/auth';
import { AppConfig, ConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { loggingModule } from '@lib/http';
import { ObservabilityModule } from '@lib/observability';
import { LocationHistoryModule, PositionsModule } from '@lib/positions';
import { RedisModule } from '@lib/queues';
import { BoardFeedGateway } from './board-feed/board-feed.gateway';
import { PartnerCarriedCouriers } from './board-feed/partner-carried-couriers';
import { PositionFanout } from './board-feed/position-fanout';
import { CourierGateway } from './courier/courier.gateway';
import { CourierShifts } from './courier/courier-shifts';
import { LocationIngest } from './courier/location-ingest';
import { OrderTrackers } from './track/order-trackers';
import { TrackGateway } from './track/track.gateway';
import { TrackedOrdersRepository } from './track/tracked-orders.repository';

/** The tracking gateway process: live positions in, live events out. */
@Module({})
export class TrackingModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: TrackingModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule('tracking'),
        DatabaseModule,
        RedisModule,
        ObservabilityModule,
        PositionsModule,
        LocationHistoryModule,
      ],
      // Tokens only, not AuthModule: its global HTTP guards (route policy, rate limit) would
      // also wrap the gateways' message handlers, which authenticate once at the handshake.
      providers: [
        Tokens,
        SessionRevocations,
        CourierGateway,
        BoardFeedGateway,
        TrackGateway,
        LocationIngest,
        CourierShifts,
        PositionFanout,
        PartnerCarriedCouriers,
        OrderTrackers,
        TrackedOrdersRepository,
      ],
    };
  }
}
