import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager } from 'typeorm';

/** The transaction a piece of work runs in, and the cooperative it is scoped to. */
export interface TenantScope {
  /** `null` for system work (outbox relay, platform administration): tenant tables then show nothing. */
  cooperativeId: string | null;
  manager: EntityManager;
  /** Side effects that must only happen once the data they announce is committed. */
  afterCommit: (() => void | Promise<void>)[];
}

export const tenantStorage = new AsyncLocalStorage<TenantScope>();

export class NoTransactionScopeError extends Error {
  override name = 'NoTransactionScopeError';
  constructor() {
    super('Database access outside a transaction scope: wrap the work in Transactions.inTenant() or .asSystem()');
  }
}
