import { OrderSharesRepository, OrdersRepository } from '@lib/database';
import { LYON, openRepositoryDatabase, RepositoryDatabase, VALENCE } from '@lib/testing';

/**
 * The share record and the one policy clause per table it adds (medium: real database, no
 * app), including the daily cap under concurrent hand-overs.
 */
describe('order shares (medium: real database, no app)', () => {
  let db: RepositoryDatabase;
  let shares: OrderSharesRepository;
  let orders: OrdersRepository;
  let a: string;
  let b: string;
  let c: string;
  let aMerchant: string;
  let bCourier: string;
  let aCourier: string;

  beforeAll(async () => {
    db = await openRepositoryDatabase({ poolSize: 12 });
    shares = new OrderSharesRepository(db.transactions);
    orders = new OrdersRepository(db.transactions);
    a = await db.seed.cooperative(VALENCE);
    b = await db.seed.cooperative({ lat: VALENCE.lat, lng: VALENCE.lng + 0.03 });
    c = await db.seed.cooperative(LYON);
    aMerchant = await db.seed.merchant(a);
    bCourier = await db.seed.courier(b, { onShift: true });
    aCourier = await db.seed.courier(a, { onShift: true });
  });
  afterAll(() => db?.close());

  async function partnership(maxOrdersPerDay: number, status = 'active', shareOfPrice = 0.5): Promise<string> {
    await db.sql(`UPDATE partnerships SET status = 'revoked' WHERE status IN ('proposed', 'active')`);
    const [row] = await db.sql<{ id: string }>(
      `INSERT INTO partnerships (proposer_cooperative_id, partner_cooperative_id, status, area, share_of_price, max_orders_per_day)
       SELECT $1, $2, $3, ST_Multi(ST_Intersection(x.service_area::geometry, y.service_area::geometry))::geography, $5, $4
       FROM cooperatives x, cooperatives y WHERE x.id = $1 AND y.id = $2 RETURNING id`,
      [a, b, status, maxOrdersPerDay, shareOfPrice],
    );
    return row.id;
  }
  const share = (orderId: string, partnershipId: string) => db.transactions.inTenant(a, () => shares.share(orderId, partnershipId, b, 'Europe/Paris'));
  const visibleTo = (coop: string, ids: string[]) => db.transactions.inTenant(coop, async () => (await orders.findByIds(ids)).map((order) => order.id).sort());

  it('never passes the daily cap when many hand-overs race through one partnership', async () => {
    const partnershipId = await partnership(3);
    const pending = await Promise.all(Array.from({ length: 10 }, () => db.seed.order(a, aMerchant)));
    const outcomes = await Promise.all(pending.map((orderId) => share(orderId, partnershipId)));
    expect(outcomes.filter((outcome) => outcome === 'shared')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === 'cap_reached')).toHaveLength(7);
    const [{ n }] = await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM order_shares WHERE partnership_id = $1`, [partnershipId]);
    expect(n).toBe(3);
  });

  it('finds a partner only inside the area, in auto mode, under the cap, and never one that gave the order back', async () => {
    const partnershipId = await partnership(1);
    const candidatesOf = (ids: string[]) => db.transactions.inTenant(a, () => shares.candidates(ids));
    const inside = await db.seed.order(a, aMerchant);
    // Pickup at A's centre, dropoff ~1.1 km north: outside an area of ±0.005° around the centre.
    await db.sql(`UPDATE partnerships SET area = ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($2, $3), 4326), 0.005))::geography WHERE id = $1`, [partnershipId, VALENCE.lng, VALENCE.lat]);
    expect(await candidatesOf([inside])).toEqual([]);
    await db.sql(`UPDATE partnerships SET area = ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($2, $3), 4326), 0.05))::geography WHERE id = $1`, [partnershipId, VALENCE.lng, VALENCE.lat]);
    expect(await candidatesOf([inside])).toEqual([{ orderId: inside, partnershipId, carrierCooperativeId: b, carrierTimezone: 'Europe/Paris' }]);
    // Under the cap: a first look, before the race-free check in share().
    expect(await share(inside, partnershipId)).toBe('shared');
    const next = await db.seed.order(a, aMerchant);
    expect(await candidatesOf([next])).toEqual([]);
    await db.sql(`UPDATE partnerships SET max_orders_per_day = 10 WHERE id = $1`, [partnershipId]);
    expect(await candidatesOf([next])).toHaveLength(1);
    // A partner deciding by hand would never decide: not asked.
    await db.sql(`UPDATE cooperatives SET settings = settings || '{"dispatchMode": "manual"}' WHERE id = $1`, [b]);
    expect(await candidatesOf([next])).toEqual([]);
    await db.sql(`UPDATE cooperatives SET settings = settings - 'dispatchMode' WHERE id = $1`, [b]);
    // Given back once: never asked again for that order.
    await db.transactions.inTenant(b, () => shares.giveBack([{ orderId: inside, reason: 'nobody free' }]));
    expect(await candidatesOf([inside])).toEqual([]);
    expect(await candidatesOf([next])).toHaveLength(1);
  });

  it('hands over nothing under a partnership that is not active', async () => {
    for (const status of ['proposed', 'declined', 'revoked']) {
      const partnershipId = await partnership(10, status);
      const orderId = await db.seed.order(a, aMerchant);
      expect(await share(orderId, partnershipId)).toBe('not_active');
      expect(await visibleTo(b, [orderId])).toEqual([]);
    }
  });

  it('lets the carrier see and move only the shared order, and nobody else anything', async () => {
    const partnershipId = await partnership(10);
    const [shared, other] = [await db.seed.order(a, aMerchant), await db.seed.order(a, aMerchant)];
    expect(await share(shared, partnershipId)).toBe('shared');
    expect(await visibleTo(b, [shared, other])).toEqual([shared]);
    expect(await visibleTo(c, [shared, other])).toEqual([]);
    expect(await visibleTo(a, [shared, other])).toEqual([shared, other].sort());
    // B's writes reach only the shared order.
    const moved = await db.transactions.inTenant(b, async () => [
      await orders.transition(shared, ['pending'], 'offered'),
      await orders.transition(other, ['pending'], 'offered'),
    ]);
    expect(moved.map((order) => order?.id ?? null)).toEqual([shared, null]);
    // B's courier holds it: A sees that courier's id on its order, never the courier itself.
    await db.transactions.inTenant(b, () => orders.transition(shared, ['offered'], 'assigned', { courierId: bCourier }));
    const [{ courier_cooperative_id: holderCoop }] = await db.sql<{ courier_cooperative_id: string }>(`SELECT courier_cooperative_id FROM orders WHERE id = $1`, [shared]);
    expect(holderCoop).toBe(b);
    const aSeesCourier = await db.transactions.inTenant(a, () => db.transactions.rows(`SELECT 1 FROM couriers WHERE id = $1`, [bCourier]));
    expect(aSeesCourier).toEqual([]);
    // A cannot make B's courier hold another of its orders (the courier is not A's to name).
    await expect(db.transactions.inTenant(a, () => orders.transition(other, ['offered', 'pending'], 'assigned', { courierId: bCourier }))).rejects.toThrow();
  });

  it('records what is owed on delivery, rounded to the cent, whoever delivers', async () => {
    const partnershipId = await partnership(10, 'active', 0.333);
    const orderId = await db.seed.order(a, aMerchant);
    expect(await share(orderId, partnershipId)).toBe('shared');
    await db.transactions.inTenant(b, async () => {
      await orders.transition(orderId, ['pending'], 'assigned', { courierId: bCourier });
      await orders.transition(orderId, ['assigned'], 'picked_up');
      await orders.transition(orderId, ['picked_up'], 'delivered');
    });
    const rows = await db.transactions.inTenant(b, () => shares.statement(partnershipId, new Date(Date.now() - 60_000), new Date(Date.now() + 60_000)));
    expect(rows).toEqual([expect.objectContaining({ orderId, priceAmount: 700, partnerShareAmount: 233, currency: 'EUR', ownerCooperativeId: a, carrierCooperativeId: b })]);
    expect(await db.transactions.inTenant(a, () => shares.statement(partnershipId, new Date(Date.now() - 60_000), new Date(Date.now() + 60_000)))).toEqual(rows);
    expect(await db.transactions.inTenant(c, () => shares.statement(partnershipId, new Date(Date.now() - 60_000), new Date(Date.now() + 60_000)))).toEqual([]);
  });

  it('gives an order back to its owner, and ends the share when the owner takes it back itself', async () => {
    const partnershipId = await partnership(10);
    const [givenBack, takenBack] = [await db.seed.order(a, aMerchant), await db.seed.order(a, aMerchant)];
    expect(await share(givenBack, partnershipId)).toBe('shared');
    expect(await share(takenBack, partnershipId)).toBe('shared');
    // Only the carrier gives back.
    expect(await db.transactions.inTenant(c, () => shares.giveBack([{ orderId: givenBack, reason: 'no' }]))).toEqual([]);
    expect(await db.transactions.inTenant(b, () => shares.giveBack([{ orderId: givenBack, reason: 'nobody free' }]))).toEqual([givenBack]);
    expect(await visibleTo(b, [givenBack])).toEqual([]);
    expect((await db.transactions.inTenant(a, () => orders.findById(givenBack)))!.carrierCooperativeId).toBeNull();
    // A's dispatcher assigns its own courier: A has it back, B no longer sees it.
    await db.transactions.inTenant(a, () => orders.transition(takenBack, ['pending'], 'assigned', { courierId: aCourier }));
    expect(await visibleTo(b, [takenBack])).toEqual([]);
    const rows = await db.sql<{ order_id: string; status: string }>(`SELECT order_id, status FROM order_shares WHERE order_id = ANY($1::uuid[]) ORDER BY order_id`, [[givenBack, takenBack]]);
    expect(rows.map((row) => row.status)).toEqual(['withdrawn', 'withdrawn']);
  });
});
