import { Module } from '@nestjs/common';
import { PositionsModule } from '@lib/positions';
import { OrdersModule } from '../orders/orders.module';
import { CourierIdentity } from './courier-identity.service';
import { DispatchBoard } from './dispatch-board.service';
import { DispatchController } from './dispatch.controller';
import { DispatcherActions } from './dispatcher-actions.service';
import { OffersController } from './offers.controller';
import { OrderProgressController } from './order-progress.controller';
import { OrderProgress } from './order-progress.service';

@Module({
  imports: [OrdersModule, PositionsModule],
  controllers: [OffersController, OrderProgressController, DispatchController],
  providers: [CourierIdentity, OrderProgress, DispatcherActions, DispatchBoard],
})
export class DispatchHttpModule {}
