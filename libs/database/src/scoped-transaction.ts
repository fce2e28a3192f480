import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

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
      if (outcome === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    return outcome === 'commit' ? this.afterCommit : [];
  }

  private async open(): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      this.runner = runner;
      await runner.startTransaction();
      await runner.query(`SELECT set_config('app.cooperative_id', $1, true)`, [this.cooperativeId ?? '']);
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
