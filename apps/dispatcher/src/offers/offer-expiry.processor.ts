import type { Job } from 'bullmq';
import { Transactions } from '@lib/database';
import { OfferLifecycle } from '@lib/dispatch';
import { JobData, JobProcessor } from '@lib/queues';
import { QueueWorker } from '../queue-worker';

/**
 * Ends an offer nobody answered in time (a delayed job per offer). A no-op when the courier
 * answered first. If Redis loses the delayed job, the dispatch sweep expires the offer instead.
 */
@JobProcessor('expireOffer')
export class OfferExpiryProcessor extends QueueWorker {
  constructor(
    private readonly offers: OfferLifecycle,
    private readonly transactions: Transactions,
  ) {
    super();
  }

  async process(job: Job<JobData<'expireOffer'>>) {
    const expired = await this.transactions.inTenant(job.data.cooperativeId, () => this.offers.expire(job.data.offerId));
    return { expired };
  }
}
