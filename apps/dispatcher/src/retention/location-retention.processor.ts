import type { Job } from 'bullmq';
import { JobData, JobProcessor } from '@lib/queues';
import { QueueWorker } from '../queue-worker';
import { LocationRetention } from './location-retention';

/** Runs the position-history retention asked for by `LocationRetentionSchedule`. */
@JobProcessor('pruneLocationHistory')
export class LocationRetentionProcessor extends QueueWorker {
  constructor(private readonly retention: LocationRetention) {
    super();
  }

  async process(job: Job<JobData<'pruneLocationHistory'>>) {
    return { deleted: await this.retention.pruneAll(new Date(job.data.requestedAt)) };
  }
}
