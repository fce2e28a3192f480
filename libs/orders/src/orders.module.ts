import { Global, Module } from '@nestjs/common';
import { PositionsModule } from '@lib/positions';
import { RealtimeModule } from '@lib/realtime';
import { OrderChangeListeners } from './order-change-listeners';
import { OrderLiveUpdates } from './order-live-updates';
import { OrderTransitions } from './order-transitions.service';
import { WebhookFanout } from './webhook-fanout.service';

/** Order state changes shared by the API and the dispatcher. */
@Global()
@Module({
  imports: [RealtimeModule, PositionsModule],
  providers: [OrderTransitions, OrderChangeListeners, WebhookFanout, OrderLiveUpdates],
  exports: [OrderTransitions, OrderChangeListeners, WebhookFanout, RealtimeModule],
})
export class OrdersDomainModule {}
