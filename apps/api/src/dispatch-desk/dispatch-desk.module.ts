import { Module } from '@nestjs/common';
import { PositionsModule } from '@lib/positions';
import { OrdersModule } from '../orders/orders.module';
import { DispatchBoard } from './dispatch-board.service';
import { DispatchController } from './dispatch.controller';
import { DispatcherActions } from './dispatcher-actions.service';

/** The dispatchers' desk: the board, direct assignment and unassignment, and the dispatch log. */
@Module({
  imports: [OrdersModule, PositionsModule],
  controllers: [DispatchController],
  providers: [DispatcherActions, DispatchBoard],
})
export class DispatchDeskModule {}
