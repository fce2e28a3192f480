import { Injectable } from '@nestjs/common';
import { OutboxRepository } from '@lib/database';
import type { DispatchReason } from '@lib/queues';

export type { DispatchReason };

/**
 * Asks for a dispatch decision in the current cooperative, through the outbox: the request
 * commits with the change that caused it (a decline, a courier starting a shift) and cannot
 * be lost if Redis is away.
 */
@Injectable()
export class DispatchTrigger {
  constructor(private readonly outbox: OutboxRepository) {}

  async request(reason: DispatchReason, orderId?: string): Promise<void> {
    await this.outbox.add('dispatch', { reason, ...(orderId ? { orderId } : {}) });
  }
}
