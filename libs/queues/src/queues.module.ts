import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { QUEUE_CONNECTION, QueueConnectionModule } from './queue-connection.module';
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
        QueueConnectionModule,
        BullModule.forRootAsync({
          imports: [QueueConnectionModule],
          inject: [AppConfig, QUEUE_CONNECTION],
          useFactory: (config: AppConfig, connection: Redis) => ({ connection, prefix: `${config.env.REDIS_PREFIX}:q` }),
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
      exports: [BullModule, QueueConnectionModule],
    };
  }
}
