import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, Observable } from 'rxjs';
import { Transactions } from '@lib/database';
import type { AuthenticatedRequest } from './access.decorators';

/**
 * Runs every authenticated request in one transaction scoped to the caller's cooperative,
 * committed before the response is sent: no 2xx without committed data, and an error
 * rolls everything back. Platform admins get a system scope and name a cooperative explicitly.
 */
@Injectable()
export class TenantScopeInterceptor implements NestInterceptor {
  constructor(private readonly transactions: Transactions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) return next.handle();
    const work = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    return from(principal.cooperativeId ? this.transactions.inTenant(principal.cooperativeId, work) : this.transactions.asSystem(work));
  }
}
