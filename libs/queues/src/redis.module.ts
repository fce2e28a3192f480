import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { closeRedis, createRedis, PIPELINED } from './redis';

export const REDIS = Symbol('REDIS');

/** One shared command connection per process (not for blocking commands or pub/sub). */
@Global()
@Module({
  providers: [{ provide: REDIS, inject: [AppConfig], useFactory: (config: AppConfig) => createRedis(config, 'commands', PIPELINED) }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): Promise<void> {
    return closeRedis(this.redis);
  }
}
