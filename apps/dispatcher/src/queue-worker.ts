import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import Redis from 'ioredis';
import { QUEUE_CONNECTION } from '@lib/queues';
import { runInstrumentedJob } from './job-instrumentation';

/** How long a stopping worker lets its jobs in hand finish (ours take milliseconds; a webhook, seconds). */
const DRAIN_MS = 5_000;

/**
 * A BullMQ processor (declared with `@JobProcessor(...)`, which names the registry jobs it
 * handles; `JobWorkers` checks them at boot) that logs its connection errors and stops within a bound whatever Redis
 * does. Without an `error` listener BullMQ prints every failed reconnection raw while Redis
 * restarts; BullMQ retries on its own either way.
 *
 * On shutdown it stops taking jobs, lets the jobs in hand finish while Redis is there to
 * record them (at most `DRAIN_MS`), then closes without waiting on Redis. BullMQ's own graceful
 * close waits on Redis and, once Redis is gone, never returns; a job left unfinished goes back
 * to the queue when its lock expires (stalled-job check), and decisions are safe to repeat.
 */
export abstract class QueueWorker extends WorkerHost implements BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  @Inject(QUEUE_CONNECTION) private readonly connection!: Redis;
  private readonly inHand = new Set<string | undefined>();

  constructor() {
    super();
    // BullMQ is handed `process` when the worker starts: each job then runs under its
    // correlation id, and is timed (`runInstrumentedJob`).
    const handle = this.process.bind(this);
    this.process = (job: Job, token?: string) => runInstrumentedJob(job, () => handle(job, token));
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'queue connection error');
  }

  @OnWorkerEvent('active')
  onActive(job: Job): void {
    this.inHand.add(job.id);
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.inHand.delete(job.id);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined): void {
    this.inHand.delete(job?.id);
  }

  async beforeApplicationShutdown(): Promise<void> {
    let worker;
    try {
      worker = this.worker;
    } catch {
      return; // stopped before the worker was created: nothing to close
    }
    await worker.pause(true);
    const deadline = Date.now() + DRAIN_MS;
    while (this.inHand.size > 0 && this.connection.status === 'ready' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.inHand.size > 0) this.logger.warn({ jobs: [...this.inHand] }, 'stopping with jobs unfinished; they go back to the queue when their lock expires');
    await worker.close(true);
  }
}
