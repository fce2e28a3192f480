import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { AppConfig } from '@lib/config';
import { redisOptions } from './redis';
import { QueueKey, queues } from './queue-registry';

/** BullMQ on our Redis, with the registry's names and retry policies. */
@Module({})
export class QueuesModule {
  static register(...keys: QueueKey[]): DynamicModule {
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
      exports: [BullModule],
    };
  }
}
