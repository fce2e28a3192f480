import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@lib/config';
import { JobData, JobProcessor } from '@lib/queues';
import { QueueWorker } from '../queue-worker';
import { DispatchRun } from './dispatch-run.service';

/**
 * Consumes dispatch requests; the decision itself is idempotent, so retries and duplicates are
 * safe. A request for a co-op another dispatcher is deciding completes at once: the holder
 * serves it (see `CooperativeLock`), so it neither waits nor spends a retry.
 */
@JobProcessor('decide')
export class DispatchProcessor extends QueueWorker implements OnApplicationBootstrap {
  constructor(
    private readonly run: DispatchRun,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** Decisions of different cooperatives run side by side; one cooperative's are serialized by its lock. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.env.DISPATCH_CONCURRENCY;
  }

  async process(job: Job<JobData<'decide'>>) {
    const outcome = await this.run.run(job.data.cooperativeId);
    this.logger.debug({ jobId: job.id, ...job.data, ...outcome }, 'dispatch job done');
    return outcome;
  }
}
