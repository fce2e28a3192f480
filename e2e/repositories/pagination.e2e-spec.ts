import { decodeCursor, encodeCursor, OrdersRepository } from '@lib/database';
import { openRepositoryDatabase, RepositoryDatabase } from '@lib/testing';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const ID = '0b7c6f2e-3a44-4d2b-9a51-2f6c1d7e8a90';

/**
 * Keyset pagination over (created_at, id), newest first: a walk through every page returns
 * each row exactly once, even when many rows share a timestamp to the microsecond or differ
 * by one microsecond inside the same millisecond (a JavaScript Date would lose those).
 */
describe('keyset pagination (medium: real database, no app)', () => {
  let db: RepositoryDatabase;
  let orders: OrdersRepository;
  let coop: string;
  let expected: string[];

  beforeAll(async () => {
    db = await openRepositoryDatabase();
    orders = new OrdersRepository(db.transactions);
    coop = await db.seed.cooperative();
    const merchant = await db.seed.merchant(coop);
    const times = [
      ...Array.from({ length: 9 }, () => '2026-03-01T12:00:00.123456Z'),
      '2026-03-01T12:00:00.123457Z',
      '2026-03-01T12:00:00.123455Z',
      ...Array.from({ length: 6 }, () => '2026-03-01T12:00:00.123000Z'),
      '2026-03-01T11:59:59.999999Z',
      '2026-03-01T12:00:00.124000Z',
    ];
    for (const createdAt of times) await db.seed.order(coop, merchant, { createdAt });
    expected = (await db.sql<{ id: string }>(`SELECT id FROM orders WHERE cooperative_id = $1 ORDER BY created_at DESC, id DESC`, [coop])).map((row) => row.id);
  });
  afterAll(() => db?.close());

  it.each([1, 4, 7, 19, 50])('walks every order exactly once, in order, %i per page', async (limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await db.transactions.inTenant(coop, () => orders.list({}, { limit, cursor }));
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((order) => order.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
      expect(pages).toBeLessThanOrEqual(expected.length + 1);
    } while (cursor);

    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(expected.length);
  });

  it('carries the microseconds in its cursors', async () => {
    const page = await db.transactions.inTenant(coop, () => orders.list({}, { limit: 2 }));
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: '2026-03-01T12:00:00.123457Z', id: page.items[1].id });
  });

  it('decodes the cursors it encodes', () => {
    const position = { createdAt: '2026-03-01T12:00:00.123456Z', id: ID };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', '!!!not-a-cursor'],
    ['JSON that is not a pair', b64({ createdAt: '2026-03-01T12:00:00Z', id: ID })],
    ['a number for the time', b64([1, ID])],
    ['a time Date.parse takes but PostgreSQL does not', b64(['1', ID])],
    ['a six-digit year', b64(['+275760-09-13T00:00:00.000Z', ID])],
    ['a day that does not exist', b64(['2020-02-30T00:00:00Z', ID])],
    ['an hour that does not exist', b64(['2020-02-10T24:00:00Z', ID])],
    ['a time without its zone', b64(['2026-03-01T12:00:00.123456', ID])],
    ['seven fractional digits', b64(['2026-03-01T12:00:00.1234567Z', ID])],
    ['an id that is not a UUID', b64(['2026-03-01T12:00:00Z', "1' OR '1'='1"])],
    ['a missing id', b64(['2026-03-01T12:00:00Z'])],
  ])('rejects a forged cursor: %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
