import { Injectable } from '@nestjs/common';
import { credentialIdOf, Principal } from '@lib/auth';
import { CouriersRepository, DispatchDecisionsRepository, OrderRecord } from '@lib/database';
import { DispatchTrigger } from '@lib/dispatch';
import { ProblemError } from '@lib/http';
import { OrderTransitions } from '@lib/orders';

/** A dispatcher's direct hand: assign a waiting order to a courier, or take it back. */
@Injectable()
export class DispatcherActions {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly couriers: CouriersRepository,
    private readonly decisions: DispatchDecisionsRepository,
    private readonly trigger: DispatchTrigger,
  ) {}

  async assign(principal: Principal, orderId: string, courierId: string): Promise<OrderRecord> {
    if (!(await this.couriers.findById(courierId))) {
      throw ProblemError.invalid([{ field: 'courierId', message: 'no such courier in this cooperative' }]);
    }
    // An open offer is withdrawn by the transition itself; a courier accepting at this very
    // moment loses the race on the offer row or on the order row, never both win.
    const order = await this.transitions.apply({
      orderId,
      to: 'assigned',
      actor: credentialIdOf(principal),
      within: ['pending', 'offered'],
      changes: { courierId, needsAttention: false },
      detail: { courierId, manual: true },
    });
    await this.decisions.record({ orderId, policy: 'manual', outcome: 'assigned', courierId, offerId: null, reason: `assigned by ${principal.name}`, candidates: [] });
    return order;
  }

  async unassign(principal: Principal, orderId: string): Promise<OrderRecord> {
    const order = await this.transitions.apply({
      orderId,
      to: 'pending',
      actor: credentialIdOf(principal),
      within: ['assigned'],
      changes: { courierId: null },
      detail: { manual: true },
    });
    await this.decisions.record({ orderId, policy: 'manual', outcome: 'unassigned', courierId: null, offerId: null, reason: `unassigned by ${principal.name}`, candidates: [] });
    await this.trigger.request('unassigned', orderId);
    return order;
  }
}
