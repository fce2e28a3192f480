import { AsyncLocalStorage } from 'node:async_hooks';
import type { ScopedTransaction } from './scoped-transaction';

/** The transaction a piece of work runs in, and the cooperative it is scoped to. */
export interface TenantScope {
  /** `null` for system work (outbox relay, platform administration): tenant tables then show nothing. */
  cooperativeId: string | null;
  /** The transaction, opened on first use: work that never touches the database holds no connection. */
  transaction: ScopedTransaction;
}

export const tenantStorage = new AsyncLocalStorage<TenantScope>();

export class NoTransactionScopeError extends Error {
  override name = 'NoTransactionScopeError';
  constructor() {
    super('Database access outside a transaction scope: wrap the work in Transactions.inTenant() or .asSystem()');
  }
}
