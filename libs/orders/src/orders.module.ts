import { Global, Module } from '@nestjs/common';
import { RealtimeModule } from '@lib/realtime';
import { OrderChangeListeners } from './order-change-listeners';
import { OrderLiveUpdates } from './order-live-updates';
import { OrderTransitions } from './order-transitions.service';
import { WebhookFanout } from './webhook-fanout.service';

/** Order state changes shared by the API and the dispatcher. */
@Global()
@Module({
  imports: [RealtimeModule],
  providers: [OrderTransitions, OrderChangeListeners, WebhookFanout, OrderLiveUpdates],
  exports: [OrderTransitions, OrderChangeListeners, WebhookFanout, RealtimeModule],
})
export class OrdersDomainModule {}
