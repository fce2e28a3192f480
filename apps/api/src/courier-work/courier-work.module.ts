import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { CourierIdentity } from './courier-identity.service';
import { OffersController } from './offers.controller';
import { OrderProgressController } from './order-progress.controller';
import { OrderProgress } from './order-progress.service';

/** A courier's work: answering offers, then pickup, delivery or failure of what it holds. */
@Module({
  imports: [OrdersModule],
  controllers: [OffersController, OrderProgressController],
  providers: [CourierIdentity, OrderProgress],
})
export class CourierWorkModule {}
