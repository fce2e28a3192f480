import { DataSource } from 'typeorm';
import { DispatchDecisionsRepository, OffersRepository, OrdersRepository, OutboxRepository } from '@lib/database';
import { openRepositoryDatabase, RepositoryDatabase } from '@lib/testing';

/**
 * A dispatch decision writes all its offers in a fixed number of statements (issue 20): one
 * insert of offers, one move of their orders, one insert of their history events, one of their
 * expiry jobs and one of their log lines. These are the statements, against the real database.
 */
describe('bulk offer statements (medium: real database, no app)', () => {
  let db: RepositoryDatabase;
  let offers: OffersRepository;
  let orders: OrdersRepository;
  let outbox: OutboxRepository;
  let decisions: DispatchDecisionsRepository;
  let coop: string;
  let merchant: string;
  let couriers: string[];

  beforeAll(async () => {
    db = await openRepositoryDatabase({ poolSize: 4 });
    offers = new OffersRepository(db.transactions);
    orders = new OrdersRepository(db.transactions);
    outbox = new OutboxRepository(db.transactions, db.dataSource as DataSource);
    decisions = new DispatchDecisionsRepository(db.transactions);
    coop = await db.seed.cooperative();
    merchant = await db.seed.merchant(coop);
    couriers = [await db.seed.courier(coop, { onShift: true }), await db.seed.courier(coop, { onShift: true })];
  });
  afterAll(() => db?.close());

  const inCoop = <T>(work: () => Promise<T>) => db.transactions.inTenant(coop, work);

  it('opens offers only for pending orders without an open offer, in one statement', async () => {
    const pending = [await db.seed.order(coop, merchant), await db.seed.order(coop, merchant)];
    const assigned = await db.seed.order(coop, merchant, { status: 'assigned', courierId: couriers[0] });
    const alreadyOffered = await db.seed.order(coop, merchant);
    await db.seed.offer(coop, alreadyOffered, couriers[1]);

    const opened = await inCoop(() =>
      offers.open(
        [
          { orderId: pending[0], courierId: couriers[0] },
          { orderId: assigned, courierId: couriers[0] },
          { orderId: alreadyOffered, courierId: couriers[0] },
          { orderId: pending[1], courierId: couriers[1] },
        ],
        45,
      ),
    );

    expect(opened.map((offer) => [offer.orderId, offer.courierId]).sort()).toEqual(
      [
        [pending[0], couriers[0]],
        [pending[1], couriers[1]],
      ].sort(),
    );
    for (const offer of opened) expect(offer.expiresAt.getTime() - offer.createdAt.getTime()).toBeGreaterThanOrEqual(44_000);
    const open = await db.sql<{ order_id: string }>(`SELECT order_id FROM offers WHERE status = 'open' AND order_id = ANY($1::uuid[])`, [[assigned, alreadyOffered]]);
    expect(open).toEqual([{ order_id: alreadyOffered }]);
  });

  it('moves many orders at once, only those still in a source status, with their history in the order given', async () => {
    const ids = [await db.seed.order(coop, merchant), await db.seed.order(coop, merchant), await db.seed.order(coop, merchant, { status: 'cancelled' })];

    const moved = await inCoop(async () => {
      const result = await orders.transitionMany(ids, ['pending'], 'offered', { needsAttention: false });
      await orders.appendEvents(result.map((order, index) => ({ orderId: order.id, status: 'offered', actor: 'system:dispatch', detail: { index, quote: `it's "quoted"` } })));
      return result;
    });

    expect(moved.map((order) => order.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(moved.every((order) => order.status === 'offered')).toBe(true);
    const events = await db.sql<{ order_id: string; detail: { index: number; quote: string } }>(
      `SELECT order_id, detail FROM order_events WHERE order_id = ANY($1::uuid[]) AND status = 'offered' ORDER BY id`,
      [ids],
    );
    expect(events.map((event) => event.order_id)).toEqual(moved.map((order) => order.id));
    expect(events.map((event) => event.detail)).toEqual(moved.map((_, index) => ({ index, quote: `it's "quoted"` })));
    const [cancelled] = await db.sql<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, [ids[2]]);
    expect(cancelled.status).toBe('cancelled');
  });

  it('adds outbox events and log lines in the order given, in the current tenant', async () => {
    const orderIds = [await db.seed.order(coop, merchant), await db.seed.order(coop, merchant)];
    const marker = `bulk-${Date.now()}`;
    await inCoop(async () => {
      await outbox.addMany('offer.expiry', [
        { offerId: '00000000-0000-4000-8000-000000000001', expiresAt: marker },
        { offerId: '00000000-0000-4000-8000-000000000002', expiresAt: marker },
      ]);
      await decisions.recordMany(
        orderIds.map((orderId, index) => ({ orderId, policy: 'test', outcome: 'offered', courierId: couriers[index], offerId: null, reason: `reason ${index}`, candidates: [{ courierId: couriers[index], score: index, terms: { distance: index } }] })),
      );
    });

    const events = await db.sql<{ cooperative_id: string; topic: string; payload: { offerId: string } }>(
      `SELECT cooperative_id, topic, payload FROM outbox WHERE payload->>'expiresAt' = $1 ORDER BY created_at, id`,
      [marker],
    );
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.cooperative_id === coop && event.topic === 'offer.expiry')).toBe(true);
    const logged = await db.sql<{ order_id: string; reason: string; candidates: unknown }>(`SELECT order_id, reason, candidates FROM dispatch_decisions WHERE order_id = ANY($1::uuid[]) ORDER BY decided_at`, [orderIds]);
    expect(logged).toEqual(orderIds.map((orderId, index) => ({ order_id: orderId, reason: `reason ${index}`, candidates: [{ courierId: couriers[index], score: index, terms: { distance: index } }] })));
  });

  it('writes nothing when given nothing', async () => {
    const before = await db.sql<{ n: string }>(`SELECT (SELECT count(*) FROM offers) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM dispatch_decisions) AS n`);
    await inCoop(async () => {
      expect(await offers.open([], 30)).toEqual([]);
      expect(await orders.transitionMany([], ['pending'], 'offered')).toEqual([]);
      await orders.appendEvents([]);
      await outbox.addMany('offer.expiry', []);
      await decisions.recordMany([]);
    });
    const after = await db.sql<{ n: string }>(`SELECT (SELECT count(*) FROM offers) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM dispatch_decisions) AS n`);
    expect(after).toEqual(before);
  });
});
