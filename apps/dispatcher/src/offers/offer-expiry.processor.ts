import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { Transactions } from '@lib/database';
import { OfferLifecycle } from '@lib/dispatch';
import { QueueWorker } from '../queue-worker';
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
export class OfferExpiryProcessor extends QueueWorker {
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
}
