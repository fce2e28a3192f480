import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/**
 * A BullMQ processor that logs its connection errors. Without an `error` listener BullMQ prints
 * every failed reconnection raw while Redis restarts; BullMQ retries on its own either way.
 */
export abstract class QueueWorker extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'queue connection error');
  }
}
