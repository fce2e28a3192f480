import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './access.decorators';
import { credentialIdOf } from './principal';

/** Limits per credential when there is one (a shop's POS behind one NAT is one caller), else per IP. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as AuthenticatedRequest).principal;
    return principal ? credentialIdOf(principal) : `ip:${String(request.ip)}`;
  }
}
