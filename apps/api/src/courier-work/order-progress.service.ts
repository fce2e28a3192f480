import { Injectable } from '@nestjs/common';
import { OrderRecord, OrdersRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { OrderTransitions } from '@lib/orders';

/** Pickup, delivery (with proof) and failure, each only by the courier holding the order. */
@Injectable()
export class OrderProgress {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly orders: OrdersRepository,
  ) {}

  pickUp(orderId: string, courierId: string): Promise<OrderRecord> {
    return this.transitions.apply({ orderId, to: 'picked_up', actor: `courier:${courierId}`, heldBy: courierId });
  }

  async deliver(orderId: string, courierId: string, proof: { type: 'pin' | 'signature' | 'photo'; value: string } | null): Promise<OrderRecord> {
    if (proof?.type === 'pin') {
      const order = await this.orders.findById(orderId);
      if (!order || order.courierId !== courierId) throw ProblemError.notFound('Order');
      if (proof.value.trim() !== order.deliveryPin) throw ProblemError.unprocessable('The PIN does not match the one the customer has', 'wrong_pin');
    }
    return this.transitions.apply({
      orderId,
      to: 'delivered',
      actor: `courier:${courierId}`,
      heldBy: courierId,
      changes: { proof: proof ? { type: proof.type, value: proof.type === 'pin' ? 'verified' : proof.value } : null },
    });
  }

  fail(orderId: string, courierId: string, reason: string): Promise<OrderRecord> {
    return this.transitions.apply({ orderId, to: 'failed', actor: `courier:${courierId}`, heldBy: courierId, changes: { failureReason: reason }, detail: { reason } });
  }
}
