import { openRepositoryDatabase, RepositoryDatabase } from '@lib/testing';

/**
 * `Transactions.writeWithCommit` sends a last write with the COMMIT in one round trip (intake's
 * stored response, issue 20). It must commit with the transaction, fail with it, and never hand
 * an aborted connection back to the pool.
 */
describe('writes sent with the COMMIT (medium: real database, one pooled connection)', () => {
  let db: RepositoryDatabase;
  let coop: string;

  beforeAll(async () => {
    db = await openRepositoryDatabase({ poolSize: 1 });
    coop = await db.seed.cooperative();
  });
  afterAll(() => db?.close());

  const merchantNames = async () => (await db.sql<{ name: string }>(`SELECT name FROM merchants WHERE cooperative_id = $1 ORDER BY name`, [coop])).map((row) => row.name);

  it('commits the write with the transaction, its values inlined as literals whatever they hold', async () => {
    const merchant = await db.seed.merchant(coop);
    const tricky = `O'Brien's \\ "bikes" $1 $2 ; DROP TABLE merchants; --`;
    await db.transactions.inTenant(coop, async () => {
      await db.transactions.rows(`SELECT 1`);
      db.transactions.writeWithCommit(`UPDATE merchants SET name = $2 WHERE id = $1`, [merchant, tricky]);
    });
    const [row] = await db.sql<{ name: string }>(`SELECT name FROM merchants WHERE id = $1`, [merchant]);
    expect(row.name).toBe(tricky);
  });

  it('runs under the transaction’s tenant scope: another co-op’s row is not touched', async () => {
    const other = await db.seed.cooperative();
    const theirs = await db.seed.merchant(other);
    const [before] = await db.sql<{ name: string }>(`SELECT name FROM merchants WHERE id = $1`, [theirs]);
    await db.transactions.inTenant(coop, async () => {
      db.transactions.writeWithCommit(`UPDATE merchants SET name = $2 WHERE id = $1`, [theirs, 'hijacked']);
    });
    const [after] = await db.sql<{ name: string }>(`SELECT name FROM merchants WHERE id = $1`, [theirs]);
    expect(after).toEqual(before);
  });

  it('fails with the transaction when the write fails: nothing of it is committed and the connection is clean', async () => {
    const before = await merchantNames();
    const merchant = await db.seed.merchant(coop);
    const attempt = db.transactions.inTenant(coop, async () => {
      await db.transactions.rows(`UPDATE merchants SET name = 'renamed in the transaction' WHERE id = $1`, [merchant]);
      db.transactions.writeWithCommit(`UPDATE merchants SET name = $2 WHERE id = $1::uuid`, ['not-a-uuid', 'x']);
    });
    await expect(attempt).rejects.toThrow(/uuid/);
    expect(await merchantNames()).not.toContain('renamed in the transaction');
    expect((await merchantNames()).length).toBe(before.length + 1);
    // The pool has one connection: it must have come back out of the aborted transaction.
    const [row] = await db.transactions.inTenant(coop, () => db.transactions.rows<{ ok: number }>(`SELECT 1 AS ok`));
    expect(row.ok).toBe(1);
  });

  it('refuses a missing or non-finite value instead of writing a guess', () => {
    return db.transactions.inTenant(coop, async () => {
      expect(() => db.transactions.writeWithCommit(`UPDATE merchants SET name = $2 WHERE id = $1`, [coop])).toThrow(/no value for \$2/);
      expect(() => db.transactions.writeWithCommit(`SELECT $1`, [Number.NaN])).toThrow(/finite/);
    });
  });
});
