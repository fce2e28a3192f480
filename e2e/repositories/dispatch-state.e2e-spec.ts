import { DispatchStateRepository } from '@lib/database';
import { LYON, openRepositoryDatabase, RepositoryDatabase } from '@lib/testing';

/**
 * The snapshot a dispatch decision reads, against the real schema and row-level security:
 * each query sees the current co-op only and picks exactly the rows the policy needs.
 */
describe('DispatchStateRepository (medium: real database, no app)', () => {
  let db: RepositoryDatabase;
  let state: DispatchStateRepository;
  let coop: string;
  let other: string;
  let merchant: string;

  beforeAll(async () => {
    db = await openRepositoryDatabase();
    state = new DispatchStateRepository(db.transactions);
    coop = await db.seed.cooperative();
    other = await db.seed.cooperative(LYON);
    merchant = await db.seed.merchant(coop);
  });
  afterAll(() => db?.close());

  const inCoop = <T>(work: () => Promise<T>) => db.transactions.inTenant(coop, work);

  it('lists the pending orders (flagged too) oldest first, with the couriers that turned each down', async () => {
    const [declined, expired, withdrawn] = [await db.seed.courier(coop), await db.seed.courier(coop), await db.seed.courier(coop)];
    const older = await db.seed.order(coop, merchant, { createdAt: '2026-01-01T10:00:00Z' });
    const flagged = await db.seed.order(coop, merchant, { createdAt: '2026-01-01T10:05:00Z', needsAttention: true });
    await db.seed.offer(coop, older, declined, 'declined');
    await db.seed.offer(coop, older, expired, 'expired');
    await db.seed.offer(coop, older, withdrawn, 'withdrawn');
    const offered = await db.seed.order(coop, merchant, { status: 'offered' });
    await db.seed.offer(coop, offered, declined, 'open');
    const elsewhere = await db.seed.order(other, await db.seed.merchant(other, LYON));

    const waiting = await inCoop(() => state.waitingOrders());

    expect(waiting.map((order) => order.id)).toEqual([older, flagged]);
    expect(waiting.map((order) => order.id)).not.toContain(elsewhere);
    expect(waiting[0].excludedCourierIds.sort()).toEqual([declined, expired].sort());
    expect(waiting[0].offersMade).toBe(2);
    expect(waiting[1]).toMatchObject({ excludedCourierIds: [], offersMade: 0, merchantId: merchant });
    expect(waiting[0].pickup.lat).toBeCloseTo(44.9334, 6);
    expect(waiting[0].pickup.lng).toBeCloseTo(4.8924, 6);
    await db.sql(`UPDATE orders SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [[older, flagged, offered]]);
  });

  it('lists the couriers on shift of the co-op with what they delivered and earned today', async () => {
    const busy = await db.seed.courier(coop, { onShift: true, capacity: 3, name: 'Busy Bee' });
    const idle = await db.seed.courier(coop, { onShift: true });
    const off = await db.seed.courier(coop, { onShift: false });
    await db.seed.courier(other, { onShift: true });
    await db.seed.order(coop, merchant, { status: 'delivered', courierId: busy });
    await db.seed.order(coop, merchant, { status: 'delivered', courierId: busy });
    await db.seed.order(coop, merchant, { status: 'failed', courierId: busy });
    await db.seed.order(coop, merchant, { status: 'delivered', courierId: off });

    const couriers = await inCoop(() => state.couriersOnShift('UTC'));

    expect(couriers.map((courier) => courier.id).sort()).toEqual([busy, idle].sort());
    expect(couriers.find((courier) => courier.id === busy)).toMatchObject({ name: 'Busy Bee', capacity: 3, deliveredToday: 2, earnedToday: 1400, shiftEndsAt: null });
    expect(couriers.find((courier) => courier.id === idle)).toMatchObject({ deliveredToday: 0, earnedToday: 0 });
    await db.sql(`UPDATE couriers SET on_shift = false WHERE cooperative_id = $1`, [coop]);
  });

  it('lists the orders couriers hold or are being offered, with their holder', async () => {
    const [holder, carrier, offeredTo] = [await db.seed.courier(coop), await db.seed.courier(coop), await db.seed.courier(coop)];
    const assigned = await db.seed.order(coop, merchant, { status: 'assigned', courierId: holder });
    const pickedUp = await db.seed.order(coop, merchant, { status: 'picked_up', courierId: carrier });
    const offered = await db.seed.order(coop, merchant, { status: 'offered' });
    await db.seed.offer(coop, offered, offeredTo, 'open');
    const offeredWithoutOpenOffer = await db.seed.order(coop, merchant, { status: 'offered' });
    await db.seed.offer(coop, offeredWithoutOpenOffer, offeredTo, 'expired');
    const pending = await db.seed.order(coop, merchant);
    await db.seed.order(coop, merchant, { status: 'delivered', courierId: holder });
    await db.seed.order(other, await db.seed.merchant(other, LYON), { status: 'assigned', courierId: await db.seed.courier(other) });

    const held = await inCoop(() => state.heldOrders());

    expect(held.map(({ id, courierId, status }) => ({ id, courierId, status })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: assigned, courierId: holder, status: 'assigned' },
        { id: pickedUp, courierId: carrier, status: 'picked_up' },
        { id: offered, courierId: offeredTo, status: 'offered' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(held.map((order) => order.id)).not.toContain(pending);
    await db.sql(`UPDATE orders SET status = 'cancelled' WHERE cooperative_id = $1 AND status IN ('pending', 'offered', 'assigned', 'picked_up')`, [coop]);
    await db.sql(`UPDATE offers SET status = 'withdrawn' WHERE cooperative_id = $1 AND status = 'open'`, [coop]);
  });

  it('flags only pending orders not flagged yet, once, and only in the current co-op', async () => {
    const pending = await db.seed.order(coop, merchant);
    const alreadyFlagged = await db.seed.order(coop, merchant, { needsAttention: true });
    const assigned = await db.seed.order(coop, merchant, { status: 'assigned', courierId: await db.seed.courier(coop) });
    const elsewhere = await db.seed.order(other, await db.seed.merchant(other, LYON));

    const ids = [pending, alreadyFlagged, assigned, elsewhere];
    expect(await inCoop(() => state.flagNeedsAttention(ids))).toEqual([pending]);
    expect(await inCoop(() => state.flagNeedsAttention(ids))).toEqual([]);
    expect(await inCoop(() => state.flagNeedsAttention([]))).toEqual([]);

    const flags = await db.sql<{ id: string; needs_attention: boolean }>(`SELECT id, needs_attention FROM orders WHERE id = ANY($1::uuid[])`, [ids]);
    expect(Object.fromEntries(flags.map((row) => [row.id, row.needs_attention]))).toEqual({
      [pending]: true,
      [alreadyFlagged]: true,
      [assigned]: false,
      [elsewhere]: false,
    });
  });

  it('finds the co-ops with waiting orders across tenants (the sweep)', async () => {
    const idleCoop = await db.seed.cooperative();
    const waitingCoop = await db.seed.cooperative();
    await db.seed.order(waitingCoop, await db.seed.merchant(waitingCoop));

    const due = await db.transactions.asSystem(() => state.dueCooperatives());

    expect(due).toContain(waitingCoop);
    expect(due).not.toContain(idleCoop);
  });
});
