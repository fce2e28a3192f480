import { HttpStatus, Injectable } from '@nestjs/common';
import { credentialIdOf, Principal } from '@lib/auth';
import { ProblemError } from '@lib/http';
import { OrderTransitions } from '@lib/orders';
import { OrderQueries } from './order-queries.service';

/** Merchants may cancel until pickup; dispatchers and admins until delivery. */
@Injectable()
export class OrderCancellation {
  constructor(
    private readonly queries: OrderQueries,
    private readonly transitions: OrderTransitions,
  ) {}

  async cancel(principal: Principal, orderId: string, reason: string) {
    const visible = await this.queries.visible(principal, orderId);
    // A partner co-op carrying the order (overflow) delivers it or gives it back; only its own co-op cancels it.
    if (visible.cooperativeId !== principal.cooperativeId) throw new ProblemError(HttpStatus.FORBIDDEN, "Only the order's own co-op cancels it", 'not_the_owner');
    const order = await this.transitions.apply({
      orderId,
      to: 'cancelled',
      actor: credentialIdOf(principal),
      within: principal.role === 'merchant' ? ['pending', 'offered', 'assigned'] : undefined,
      changes: { cancelReason: reason, needsAttention: false },
      detail: { reason },
      conflict: (current) =>
        new ProblemError(HttpStatus.CONFLICT, `Too late to cancel: the order is ${current.status.replace('_', ' ')}`, 'too_late_to_cancel'),
    });
    return (await this.queries.present([order]))[0];
  }
}
