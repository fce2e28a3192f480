import { Module } from '@nestjs/common';
import { OrderCancellation } from './order-cancellation.service';
import { OrderDrafts } from './order-draft.service';
import { OrderIntake } from './order-intake.service';
import { OrderQueries } from './order-queries.service';
import { OrdersController } from './orders.controller';

@Module({ controllers: [OrdersController], providers: [OrderIntake, OrderDrafts, OrderQueries, OrderCancellation], exports: [OrderQueries] })
export class OrdersModule {}
