import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@lib/config';
import { PASSWORD_ATTEMPT_KEY } from './access.decorators';
import { AccessGuard } from './access.guard';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { TenantScopeInterceptor } from './tenant-scope.interceptor';
import { Tokens } from './tokens';

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class RateLimitStorageModule {}

/**
 * Authentication, role checks, rate limits and the per-request tenant transaction, for every
 * route. Guards run in the order listed: the rate limit needs the principal.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.env.RATE_LIMIT_PER_MINUTE },
          {
            name: 'login',
            ttl: 60_000,
            limit: config.env.LOGIN_RATE_LIMIT_PER_MINUTE,
            skipIf: (context) => !Reflect.getMetadata(PASSWORD_ATTEMPT_KEY, context.getHandler()),
          },
        ],
        storage,
      }),
      imports: [RateLimitStorageModule],
    }),
  ],
  providers: [
    Tokens,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor },
  ],
  exports: [Tokens],
})
export class AuthModule {}
