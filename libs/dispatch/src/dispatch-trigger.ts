import { Injectable } from '@nestjs/common';
import { OutboxRepository } from '@lib/database';
import { topics } from '@lib/orders';

export type DispatchReason = 'order_created' | 'offer_declined' | 'offer_expired' | 'unassigned' | 'courier_on_shift' | 'tick';

/**
 * Asks for a dispatch decision in the current cooperative, through the outbox: the request
 * commits with the change that caused it (a decline, a courier starting a shift) and cannot
 * be lost if Redis is away.
 */
@Injectable()
export class DispatchTrigger {
  constructor(private readonly outbox: OutboxRepository) {}

  async request(reason: DispatchReason, orderId?: string): Promise<void> {
    await this.outbox.add(topics.dispatch, { reason, ...(orderId ? { orderId } : {}) });
  }
}
