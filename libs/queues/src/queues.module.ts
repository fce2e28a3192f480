import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import type { ConnectionOptions, Queue } from 'bullmq';
import { AppConfig } from '@lib/config';
import { redisOptions } from './redis';
import { QueueKey, queues } from './queue-registry';

const QUEUE_ERROR_LOGGING = Symbol('QUEUE_ERROR_LOGGING');

/** BullMQ on our Redis, with the registry's names and retry policies. */
@Module({})
export class QueuesModule {
  static register(...keys: QueueKey[]): DynamicModule {
    const names = keys.map((key) => queues[key].name);
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // BullMQ types its options against the ioredis it was built with; the fields are the same.
            connection: redisOptions(config, 'bullmq') as ConnectionOptions,
            prefix: `${config.env.REDIS_PREFIX}:q`,
          }),
        }),
        ...keys.map((key) => BullModule.registerQueue({ name: queues[key].name, defaultJobOptions: queues[key].defaults })),
      ],
      providers: [
        {
          // A queue without an error listener prints every reconnection attempt raw.
          provide: QUEUE_ERROR_LOGGING,
          inject: names.map((name) => getQueueToken(name)),
          useFactory: (...registered: Queue[]) => {
            const logger = new Logger('Queues');
            for (const queue of registered) queue.on('error', (error) => logger.warn({ err: error, queue: queue.name }, 'queue connection error'));
            return true;
          },
        },
      ],
      exports: [BullModule],
    };
  }
}
