import { Injectable, Logger } from '@nestjs/common';
import { escapeLiteral } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { ScopedTransaction } from './scoped-transaction';
import { NoTransactionScopeError, TenantScope, tenantStorage } from './tenant-context';

/**
 * The one place where tenant isolation is set: every database access happens in a
 * transaction opened here, which sets `app.cooperative_id` for row-level security.
 * Repositories take their EntityManager from `manager()`, never from arguments.
 *
 * A piece of work never holds more than one pooled connection: the transaction opens on
 * its first query, and a nested scope (of the same or another cooperative) runs on it.
 * Twenty requests waiting for a second connection while holding their first would
 * otherwise drain the pool and time out together.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');

  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction scoped to one cooperative (inside an enclosing one: on its connection). */
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
    this.current().transaction.onCommit(effect);
  }

  /**
   * Runs a last write with the COMMIT, in the same round trip: for a write nothing later in
   * the transaction reads (intake's stored idempotent response). It commits or fails with the
   * transaction. The simple query protocol takes no parameters, so `$n` are inlined as
   * escaped literals.
   */
  writeWithCommit(sql: string, parameters: (string | number | null)[]): void {
    this.current().transaction.writeWithCommit(inlineParameters(sql, parameters));
  }

  current(): TenantScope {
    const scope = tenantStorage.getStore();
    if (!scope) throw new NoTransactionScopeError();
    return scope;
  }

  /** The current transaction's manager, opening the transaction if this is its first use. */
  manager(): Promise<EntityManager> {
    return this.current().transaction.manager();
  }

  /** Runs SQL in the current transaction and returns its rows, for SELECT and for UPDATE … RETURNING
   *  alike (through TypeORM the pg driver answers the latter as [rows, count]). */
  async rows<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const result = await (await this.manager()).query(sql, parameters);
    return (Array.isArray(result[0]) ? result[0] : result) as T[];
  }

  /**
   * A read through a cross-tenant SECURITY DEFINER function (login, API key, e-mail check):
   * in the current transaction when there is one, so it never takes a second connection,
   * else on a pooled connection of its own.
   */
  async crossTenant<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const scope = tenantStorage.getStore();
    return scope ? this.rows<T>(sql, parameters) : this.dataSource.query(sql, parameters);
  }

  private async run<T>(cooperativeId: string | null, work: () => Promise<T>): Promise<T> {
    const enclosing = tenantStorage.getStore();
    if (enclosing) {
      if (enclosing.cooperativeId === cooperativeId) return work();
      return enclosing.transaction.scopedTo(cooperativeId, () => tenantStorage.run({ cooperativeId, transaction: enclosing.transaction }, work));
    }
    const transaction = new ScopedTransaction(this.dataSource, cooperativeId);
    let result: T;
    try {
      result = await tenantStorage.run({ cooperativeId, transaction }, work);
    } catch (error) {
      await transaction.finish('rollback').catch((rollbackError: unknown) => this.logger.warn({ err: rollbackError }, 'rollback failed'));
      throw error;
    }
    const effects = await transaction.finish('commit');
    // Started in order, not awaited: an announcement must never hold up the answer to a
    // committed change (Redis may be slow or away).
    for (const effect of effects) {
      void Promise.resolve()
        .then(effect)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'after-commit effect failed'));
    }
    return result;
  }
}

function inlineParameters(sql: string, parameters: (string | number | null)[]): string {
  return sql.replace(/\$(\d+)/g, (_, index: string) => {
    const value = parameters[Number(index) - 1];
    if (value === undefined) throw new Error(`no value for $${index}`);
    if (value === null) return 'NULL';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`$${index} is not a finite number`);
      return String(value);
    }
    return escapeLiteral(value);
  });
}
