import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobQueues, maintenanceRequests } from '@lib/queues';

/** Retention is counted in days; pruning hourly keeps the history within an hour of the setting. */
export const PRUNE_EVERY_MS = 3600_000;

/**
 * Asks for the position-history retention once an hour and once at start-up. The job id is the
 * hour's slot, so several dispatchers asking at once add one job, and one dispatcher runs it.
 */
@Injectable()
export class LocationRetentionSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LocationRetentionSchedule.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly queues: JobQueues) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.request(), PRUNE_EVERY_MS);
    this.timer.unref();
    void this.request();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async request(now = new Date()): Promise<void> {
    try {
      await this.queues.add(maintenanceRequests.pruneLocationHistory(Math.floor(now.getTime() / PRUNE_EVERY_MS), now));
    } catch (error) {
      this.logger.warn({ err: error }, 'position-history retention not scheduled; the next hour will ask again');
    }
  }
}
