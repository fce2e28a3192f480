import { Global, Module } from '@nestjs/common';
import { OrderChangeListeners } from './order-change-listeners';
import { OrderTransitions } from './order-transitions.service';
import { WebhookFanout } from './webhook-fanout.service';

/** Order state changes shared by the API and the dispatcher. */
@Global()
@Module({
  providers: [OrderTransitions, OrderChangeListeners, WebhookFanout],
  exports: [OrderTransitions, OrderChangeListeners, WebhookFanout],
})
export class OrdersDomainModule {}
