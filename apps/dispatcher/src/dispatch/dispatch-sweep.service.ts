import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { DispatchStateRepository, Transactions } from '@lib/database';
import { dispatchRequests, JobQueues } from '@lib/queues';

/**
 * Every few seconds, asks for a decision in each cooperative that has waiting orders or
 * overdue offers. This is what makes deferred orders get offered later, and what recovers
 * from jobs lost with Redis. The job id is per cooperative and time slot, so several
 * dispatcher instances sweeping at once add one job. A dispatcher sweeps once as soon as it
 * starts: one restarted after a crash picks up what the crash left without waiting a tick.
 */
@Injectable()
export class DispatchSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DispatchSweep');
  private timer?: NodeJS.Timeout;
  /** While Redis is away a sweep waits for it; the next ticks do not pile up behind it. */
  private sweeping = false;

  constructor(
    private readonly state: DispatchStateRepository,
    private readonly transactions: Transactions,
    private readonly queues: JobQueues,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.env.DISPATCH_TICK_SECONDS * 1000);
    void this.sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const due = await this.transactions.asSystem(() => this.state.dueCooperatives());
      const slot = Math.floor(now / (this.config.env.DISPATCH_TICK_SECONDS * 1000));
      await Promise.all(due.map((cooperativeId) => this.queues.add(dispatchRequests.tick(cooperativeId, slot))));
      return due.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'dispatch sweep failed; next tick will retry');
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
