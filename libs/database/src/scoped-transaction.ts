import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { currentCorrelationId } from '@lib/correlation';

/**
 * One transaction on one pooled connection, opened on first use and finished by whoever
 * created it. Opening lazily means work that does not touch the database before a slow
 * step (password hashing, a DNS lookup) holds no connection meanwhile.
 *
 * The cooperative it is scoped to can be switched for a nested piece of work (a platform
 * admin acting inside one co-op): that work then runs on the same connection instead of
 * waiting for a second one while holding this one.
 */
export class ScopedTransaction {
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;
  private cooperativeId: string | null;
  private readonly afterCommit: (() => void | Promise<void>)[] = [];
  private readonly commitWrites: string[] = [];

  constructor(
    private readonly dataSource: DataSource,
    cooperativeId: string | null,
  ) {
    this.cooperativeId = cooperativeId;
  }

  get opened(): boolean {
    return this.opening !== undefined;
  }

  manager(): Promise<EntityManager> {
    this.opening ??= this.open();
    return this.opening;
  }

  /** Runs `work` with row-level security scoped to `cooperativeId`, then restores the previous scope. */
  async scopedTo<T>(cooperativeId: string | null, work: () => Promise<T>): Promise<T> {
    const previous = this.cooperativeId;
    await this.setScope(cooperativeId);
    try {
      return await work();
    } finally {
      await this.setScope(previous);
    }
  }

  onCommit(effect: () => void | Promise<void>): void {
    this.afterCommit.push(effect);
  }

  /** A last write sent together with the COMMIT, in one round trip (see `Transactions.writeWithCommit`). */
  writeWithCommit(statement: string): void {
    this.commitWrites.push(statement);
  }

  /** Commits (or rolls back) and gives the connection back; returns the effects to run after a commit. */
  async finish(outcome: 'commit' | 'rollback'): Promise<(() => void | Promise<void>)[]> {
    if (!this.opening) return outcome === 'commit' ? this.afterCommit : [];
    try {
      await this.opening;
    } catch {
      return []; // never opened: nothing to finish, nothing was committed
    }
    const runner = this.runner!;
    try {
      if (outcome === 'rollback') await runner.query('ROLLBACK');
      else await this.commit(runner);
    } finally {
      await runner.release();
    }
    return outcome === 'commit' ? this.afterCommit : [];
  }

  private async commit(runner: QueryRunner): Promise<void> {
    try {
      await runner.query([...this.commitWrites, 'COMMIT'].join('; '));
    } catch (error) {
      // A failed write before the COMMIT leaves the transaction open and aborted: end it before the connection goes back.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async open(): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      this.runner = runner;
      // BEGIN and the scope in one round trip (a simple-protocol query, hence the escaped
      // literals): every request pays for this, and intake has few other statements (issue 20).
      // The correlation id goes with the tenant: outbox rows take it as their default.
      await runner.query(
        `BEGIN; SELECT set_config('app.cooperative_id', ${escapeLiteral(this.cooperativeId ?? '')}, true), set_config('app.correlation_id', ${escapeLiteral(currentCorrelationId() ?? '')}, true)`,
      );
      return runner.manager;
    } catch (error) {
      this.runner = undefined;
      await runner.release().catch(() => undefined);
      throw error;
    }
  }

  private async setScope(cooperativeId: string | null): Promise<void> {
    this.cooperativeId = cooperativeId;
    if (!this.opening) return; // applied when the transaction opens
    const manager = await this.opening;
    await manager.query(`SELECT set_config('app.cooperative_id', $1, true)`, [cooperativeId ?? '']);
  }
}
