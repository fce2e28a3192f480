import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { TenantScopeInterceptor } from './tenant-scope.interceptor';
import { Tokens } from './tokens';

/** Authentication, role checks and the per-request tenant transaction, for every route. */
@Global()
@Module({
  providers: [Tokens, { provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor }],
  exports: [Tokens],
})
export class AuthModule {}
