import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Transactions } from '@lib/database';
import { OfferLifecycle } from '@lib/dispatch';
import { queues, workerOptions } from '@lib/queues';

export interface OfferExpiryJob {
  cooperativeId: string;
  offerId: string;
}

/**
 * Ends an offer nobody answered in time (a delayed job per offer). A no-op when the courier
 * answered first. If Redis loses the delayed job, the dispatch sweep expires the offer instead.
 */
@Processor(queues.offerExpiry.name, workerOptions)
export class OfferExpiryProcessor extends WorkerHost {
  private readonly logger = new Logger('OfferExpiryProcessor');

  constructor(
    private readonly offers: OfferLifecycle,
    private readonly transactions: Transactions,
  ) {
    super();
  }

  async process(job: Job<OfferExpiryJob>) {
    const expired = await this.transactions.inTenant(job.data.cooperativeId, () => this.offers.expire(job.data.offerId));
    return { expired };
  }

  /** Connection trouble (Redis restarting) is expected and retried by BullMQ; logged, not printed raw. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'queue connection error');
  }
}
