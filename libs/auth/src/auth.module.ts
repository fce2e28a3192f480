import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@lib/config';
import { AccessGuard } from './access.guard';
import { LoginThrottle } from './login-throttle';
import { SessionRevocations } from './session-revocations';
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
        // Password guessing is limited per account by LoginThrottle, not here: a per-address
        // limit on every login would lock out a co-op's office at the start of a shift.
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.env.RATE_LIMIT_PER_MINUTE }],
        storage,
      }),
      imports: [RateLimitStorageModule],
    }),
  ],
  providers: [
    Tokens,
    LoginThrottle,
    SessionRevocations,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor },
  ],
  exports: [Tokens, LoginThrottle, SessionRevocations],
})
export class AuthModule {}
