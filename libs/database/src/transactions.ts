import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NoTransactionScopeError, TenantScope, tenantStorage } from './tenant-context';

/**
 * The one place where tenant isolation is set: every database access happens in a
 * transaction opened here, which sets `app.cooperative_id` for row-level security.
 * Repositories take their EntityManager from `current()`, never from arguments.
 */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction scoped to one cooperative, reusing an enclosing one for the same cooperative. */
  inTenant<T>(cooperativeId: string, work: () => Promise<T>): Promise<T> {
    return this.run(cooperativeId, work);
  }

  /** Runs `work` in a transaction with no tenant: only non-tenant tables and SECURITY DEFINER functions see data. */
  asSystem<T>(work: () => Promise<T>): Promise<T> {
    return this.run(null, work);
  }

  current(): TenantScope {
    const scope = tenantStorage.getStore();
    if (!scope) throw new NoTransactionScopeError();
    return scope;
  }

  manager(): EntityManager {
    return this.current().manager;
  }

  private run<T>(cooperativeId: string | null, work: () => Promise<T>): Promise<T> {
    const enclosing = tenantStorage.getStore();
    if (enclosing && enclosing.cooperativeId === cooperativeId) return work();
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.cooperative_id', $1, true)`, [cooperativeId ?? '']);
      return tenantStorage.run({ cooperativeId, manager }, work);
    });
  }
}
