import { OrdersRepository } from '@lib/database';
import { openRepositoryDatabase, RepositoryDatabase } from '@lib/testing';

const RACERS = 8;

/**
 * Status changes are conditional updates (`UPDATE … WHERE status = ANY(…) RETURNING`): of
 * writers racing in their own transactions, exactly one wins and the others see null (a 409).
 */
describe('OrdersRepository.transition (medium: real database, no app)', () => {
  let db: RepositoryDatabase;
  let orders: OrdersRepository;
  let coop: string;
  let merchant: string;
  let couriers: string[];

  beforeAll(async () => {
    db = await openRepositoryDatabase({ poolSize: RACERS + 2 });
    orders = new OrdersRepository(db.transactions);
    coop = await db.seed.cooperative();
    merchant = await db.seed.merchant(coop);
    couriers = [];
    for (let i = 0; i < RACERS; i++) couriers.push(await db.seed.courier(coop, { onShift: true }));
  });
  afterAll(() => db?.close());

  const inCoop = <T>(work: () => Promise<T>) => db.transactions.inTenant(coop, work);

  it('lets exactly one of many concurrent assignments win', async () => {
    const orderId = await db.seed.order(coop, merchant);
    // Each racer holds its transaction open a moment after its update, so the others queue on the row lock.
    const outcomes = await Promise.all(
      couriers.map((courierId) =>
        inCoop(async () => {
          const moved = await orders.transition(orderId, ['pending', 'offered'], 'assigned', { courierId });
          await new Promise((resolve) => setTimeout(resolve, 20));
          return moved;
        }),
      ),
    );

    const winners = outcomes.filter((outcome) => outcome !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ id: orderId, status: 'assigned' });
    const [row] = await db.sql<{ status: string; courier_id: string }>(`SELECT status, courier_id FROM orders WHERE id = $1`, [orderId]);
    expect(row).toEqual({ status: 'assigned', courier_id: winners[0]!.courierId });
    expect(couriers).toContain(row.courier_id);
  });

  it('lets exactly one of a pickup and a cancellation win, whichever commits first', async () => {
    const holder = couriers[0];
    const orderId = await db.seed.order(coop, merchant, { status: 'assigned', courierId: holder });
    const [pickup, cancel] = await Promise.all([
      inCoop(() => orders.transition(orderId, ['assigned'], 'picked_up', {}, holder)),
      inCoop(() => orders.transition(orderId, ['pending', 'offered', 'assigned'], 'cancelled', { cancelReason: 'test' })),
    ]);
    expect([pickup, cancel].filter((outcome) => outcome !== null)).toHaveLength(1);
    const [row] = await db.sql<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, [orderId]);
    expect(row.status).toBe(pickup ? 'picked_up' : 'cancelled');
  });

  it('refuses a move from another status or by a courier who does not hold the order', async () => {
    const holder = couriers[1];
    const orderId = await db.seed.order(coop, merchant, { status: 'assigned', courierId: holder });

    expect(await inCoop(() => orders.transition(orderId, ['pending'], 'assigned', { courierId: couriers[2] }))).toBeNull();
    expect(await inCoop(() => orders.transition(orderId, ['assigned'], 'picked_up', {}, couriers[2]))).toBeNull();
    const moved = await inCoop(() => orders.transition(orderId, ['assigned'], 'picked_up', {}, holder));
    expect(moved).toMatchObject({ id: orderId, status: 'picked_up', courierId: holder });
    expect(await inCoop(() => orders.transition(orderId, ['assigned'], 'picked_up', {}, holder))).toBeNull();
  });

  it('sees no order of another co-op (row-level security)', async () => {
    const other = await db.seed.cooperative();
    const theirs = await db.seed.order(other, await db.seed.merchant(other));

    expect(await inCoop(() => orders.transition(theirs, ['pending'], 'cancelled', { cancelReason: 'not mine' }))).toBeNull();
    const [row] = await db.sql<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, [theirs]);
    expect(row.status).toBe('pending');
  });
});
