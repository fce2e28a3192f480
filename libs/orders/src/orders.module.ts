import { Global, Module } from '@nestjs/common';
import { PositionsModule } from '@lib/positions';
import { RealtimeModule } from '@lib/realtime';
import { LiveAnnouncements } from './live-announcements';
import { LiveUpdates } from './order-live-updates';
import { OrderTransitions } from './order-transitions.service';
import { WebhookFanout } from './webhook-fanout.service';

/**
 * Order state changes shared by the API and the dispatcher. Needs `OpenOffers`, which the
 * offers' owner provides (`DispatchDomainModule` in `libs/dispatch`).
 */
@Global()
@Module({
  imports: [RealtimeModule, PositionsModule],
  providers: [OrderTransitions, LiveAnnouncements, WebhookFanout, LiveUpdates],
  exports: [OrderTransitions, LiveAnnouncements, WebhookFanout, RealtimeModule],
})
export class OrdersDomainModule {}
