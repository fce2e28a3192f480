import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { closeRedis, createRedis } from './redis';

export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

/**
 * The connection BullMQ's queues and workers share (workers add their own blocking ones). It is
 * ours, not BullMQ's: closing a queue then never waits on Redis (BullMQ's own would `QUIT`
 * behind commands queued while Redis is away, for as long as it is away), and we close it
 * without waiting for a Redis that is gone.
 */
@Module({
  providers: [{ provide: QUEUE_CONNECTION, inject: [AppConfig], useFactory: (config: AppConfig) => createRedis(config, 'bullmq') }],
  exports: [QUEUE_CONNECTION],
})
export class QueueConnectionModule implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: Redis) {}

  onApplicationShutdown(): Promise<void> {
    return closeRedis(this.connection);
  }
}
