import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NoTransactionScopeError, TenantScope, tenantStorage } from './tenant-context';

/**
 * The one place where tenant isolation is set: every database access happens in a
 * transaction opened here, which sets `app.cooperative_id` for row-level security.
 * Repositories take their EntityManager from `current()`, never from arguments.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');

  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction scoped to one cooperative, reusing an enclosing one for the same cooperative. */
  inTenant<T>(cooperativeId: string, work: () => Promise<T>): Promise<T> {
    return this.run(cooperativeId, work);
  }

  /** Runs `work` in a transaction with no tenant: only non-tenant tables and SECURITY DEFINER functions see data. */
  asSystem<T>(work: () => Promise<T>): Promise<T> {
    return this.run(null, work);
  }

  /**
   * Runs `effect` after the enclosing transaction commits (never if it rolls back), e.g. a
   * live event announcing a change. Effects are best-effort and not awaited: a failure is logged, not thrown.
   */
  afterCommit(effect: () => void | Promise<void>): void {
    this.current().afterCommit.push(effect);
  }

  current(): TenantScope {
    const scope = tenantStorage.getStore();
    if (!scope) throw new NoTransactionScopeError();
    return scope;
  }

  manager(): EntityManager {
    return this.current().manager;
  }

  /** Runs SQL in the current transaction and returns its rows, for SELECT and for UPDATE … RETURNING
   *  alike (through TypeORM the pg driver answers the latter as [rows, count]). */
  async rows<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const result = await this.manager().query(sql, parameters);
    return (Array.isArray(result[0]) ? result[0] : result) as T[];
  }

  private async run<T>(cooperativeId: string | null, work: () => Promise<T>): Promise<T> {
    const enclosing = tenantStorage.getStore();
    if (enclosing && enclosing.cooperativeId === cooperativeId) return work();
    const afterCommit: TenantScope['afterCommit'] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.cooperative_id', $1, true)`, [cooperativeId ?? '']);
      return tenantStorage.run({ cooperativeId, manager, afterCommit }, work);
    });
    // Started in order, not awaited: an announcement must never hold up the answer to a
    // committed change (Redis may be slow or away).
    for (const effect of afterCommit) {
      void Promise.resolve()
        .then(effect)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'after-commit effect failed'));
    }
    return result;
  }
}
