import { OutboxEvent, OutboxRepository } from '@lib/database';
import { openRepositoryDatabase, RepositoryDatabase } from '@lib/testing';

/** Resolves when `count` parties have arrived; fails instead of hanging if they never do. */
function barrier(count: number, timeoutMs = 5_000) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    arrived += 1;
    if (arrived === count) release();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`only ${arrived} of ${count} claimers got their batch while the others held theirs`)), timeoutMs);
    });
    try {
      await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The relay's claim (`outbox_claim`: FOR UPDATE SKIP LOCKED) lets several dispatchers share
 * the outbox: while one holds its batch, another claims the next events instead of waiting,
 * and no event is ever in two batches.
 */
describe('OutboxRepository.relayBatch (medium: real database, no app)', () => {
  let db: RepositoryDatabase;
  let outbox: OutboxRepository;
  let coops: string[];

  beforeAll(async () => {
    db = await openRepositoryDatabase({ poolSize: 4 });
    outbox = new OutboxRepository(db.transactions, db.dataSource);
    coops = [await db.seed.cooperative(), await db.seed.cooperative()];
  });
  afterAll(() => db?.close());

  it('gives two concurrent claimers disjoint batches, and the rest to the next claim', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await db.seed.outboxEvent(coops[i % 2], 'dispatch', { n: i }));
    const bothClaimed = barrier(2);
    const claimed: OutboxEvent[][] = [];
    const claimer = () =>
      outbox.relayBatch(15, async (events) => {
        claimed.push(events);
        await bothClaimed(); // both transactions hold their locks here
        return { published: events.map((event) => event.id), failed: [] };
      });

    const published = await Promise.all([claimer(), claimer()]);

    expect(published).toEqual([15, 15]);
    const [first, second] = claimed.map((events) => events.map((event) => event.id));
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect(new Set([...first, ...second]).size).toBe(30);
    expect(claimed.flat().every((event) => coops.includes(event.cooperativeId) && event.topic === 'dispatch')).toBe(true);

    const rest: string[] = [];
    expect(await outbox.relayBatch(15, async (events) => (rest.push(...events.map((event) => event.id)), { published: events.map((event) => event.id), failed: [] }))).toBe(10);
    expect([...first, ...second, ...rest].sort()).toEqual([...ids].sort());
    expect(await outbox.relayBatch(15, async () => ({ published: [], failed: [] }))).toBe(0);
    const [{ unpublished }] = await db.sql<{ unpublished: number }>(`SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL`);
    expect(unpublished).toBe(0);
  });

  it('postpones an event that failed to publish instead of handing it out again at once', async () => {
    const id = await db.seed.outboxEvent(coops[0]);
    // Six failures already: the back-off is 16 s, long enough not to run out during the test.
    await db.sql(`UPDATE outbox SET attempts = 6 WHERE id = $1`, [id]);

    expect(await outbox.relayBatch(10, async (events) => ({ published: [], failed: events.map((event) => event.id), error: 'redis down' }))).toBe(0);
    const seen: string[] = [];
    await outbox.relayBatch(10, async (events) => (seen.push(...events.map((event) => event.id)), { published: [], failed: [] }));
    expect(seen).not.toContain(id);
    const [row] = await db.sql<{ attempts: number; last_error: string; later: boolean }>(
      `SELECT attempts, last_error, available_at > now() AS later FROM outbox WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ attempts: 7, last_error: 'redis down', later: true });
  });
});
