import { randomUUID } from 'node:crypto';
import { Transactions } from '@lib/database';
import { CoopFixture, orderBody } from '@lib/testing';
import type { CourierPositionEvent, OfferEvent, OrderView, TrackPositionEvent, TrackStatusEvent } from '@lib/wire';
import { PartnerCarriedCouriers } from '../../apps/tracking/src/board-feed/partner-carried-couriers';
import { courierAt, deliver, eastOf, near, placeOrder } from '../support/factories';
import { queuesDrained } from '../support/queues';
import { bootSystem, eventually, TestSystem } from '../support/system';
import { closeAllSockets, connected, nextEvent, openSocket, record, sendLocation } from '../tracking/support/sockets';
import { areaAround, partnerPair, partners, propose } from './support';

jest.setTimeout(60_000);

/**
 * Overflow between partner co-ops with the real dispatcher, gateway, PostgreSQL and Redis: A
 * has no courier who can take its orders, B has couriers near A's merchant.
 */
describe('partner co-ops: overflow', () => {
  let system: TestSystem;
  const http = () => system.api.http;

  beforeAll(async () => {
    // Webhook subscriptions to a closed local port: deliveries are recorded (and fail), which is all the test reads.
    system = await bootSystem({ dispatchers: 1, tracking: true, overrides: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
  });
  afterEach(() => closeAllSockets());
  afterAll(() => system.close());

  const orderAs = (coop: CoopFixture, id: string) => http().get(`/api/v1/orders/${id}`).set(coop.dispatcher.auth);
  const orderOf = async (coop: CoopFixture, id: string): Promise<OrderView> => (await orderAs(coop, id).expect(200)).body;
  const sharesOf = (orderId: string) => system.sql<{ carrier: string; status: string }>(`SELECT carrier_cooperative_id AS carrier, status FROM order_shares WHERE order_id = $1 ORDER BY created_at`, [orderId]);
  const flagged = (coop: CoopFixture, id: string) => eventually('the order to be flagged for its dispatchers', async () => ((await orderOf(coop, id)).needsAttention ? true : undefined));
  const sharedWith = (coop: CoopFixture, carrier: CoopFixture, id: string) =>
    eventually('the order to be handed to the partner', async () => ((await orderOf(coop, id)).carrierCooperativeId === carrier.cooperative.id ? true : undefined));
  const openOfferOf = async (coop: CoopFixture, id: string) =>
    ((await http().get(`/api/v1/orders/${id}/dispatch-log`).set(coop.dispatcher.auth).expect(200)).body.offers as { id: string; courierId: string; status: string }[]).find((offer) => offer.status === 'open');

  it("carries A's order with B's courier end to end, followed live by A's dispatcher and the customer, and accounts for it on both sides", async () => {
    const pair = await partnerPair(system);
    const { a, b, bCouriers: [rider] } = pair;
    const partnershipId = await partners(system, pair, { shareOfPrice: 0.8 });
    const aDispatch = openSocket(system.trackingUrl!, '/dispatch', { token: a.dispatcher.token });
    const bDispatch = openSocket(system.trackingUrl!, '/dispatch', { token: b.dispatcher.token });
    const riderSocket = openSocket(system.trackingUrl!, '/courier', { token: rider.token });
    await Promise.all([connected(aDispatch), connected(bDispatch), connected(riderSocket)]);
    const aUpdates = record<OrderView>(aDispatch, 'order.updated');
    const bUpdates = record<OrderView>(bDispatch, 'order.updated');
    const offers = record<OfferEvent>(riderSocket, 'offer');
    const subscribe = async (coop: CoopFixture) =>
      (await http().post('/api/v1/webhooks').set(coop.admin.auth).send({ url: 'http://127.0.0.1:9/hook', events: ['order.assigned', 'order.delivered'] }).expect(201)).body.id as string;
    const [aHook, bHook] = [await subscribe(a), await subscribe(b)];

    const placed = (await http().post('/api/v1/orders').set(a.merchantUser.auth).set('Idempotency-Key', randomUUID()).send(orderBody(a.center)).expect(201)).body as OrderView;
    const tracker = openSocket(system.trackingUrl!, '/track', { token: placed.trackingToken });
    await connected(tracker);
    const statuses = record<TrackStatusEvent>(tracker, 'status');
    const trackedPositions = record<TrackPositionEvent>(tracker, 'position');

    // The partner's decision offers it to its courier under the normal protocol.
    const offer = await eventually('an offer to B\'s courier', async () => offers.find((event) => event.orderId === placed.id));
    const seenByA = await orderOf(a, placed.id);
    expect(seenByA).toMatchObject({ id: placed.id, cooperativeId: a.cooperative.id, carrierCooperativeId: b.cooperative.id, status: 'offered', trackingToken: placed.trackingToken });
    expect(await orderOf(b, placed.id)).toMatchObject({ id: placed.id, cooperativeId: a.cooperative.id, carrierCooperativeId: b.cooperative.id });
    const bBoard = (await http().get('/api/v1/dispatch/board').set(b.dispatcher.auth).expect(200)).body;
    expect(bBoard.orders.map((order: OrderView) => order.id)).toContain(placed.id);
    await eventually("B's board feed to hear of it", async () => bUpdates.some((view) => view.id === placed.id));
    const log = (await http().get(`/api/v1/orders/${placed.id}/dispatch-log`).set(a.dispatcher.auth).expect(200)).body;
    expect(log.decisions.map((decision: { outcome: string }) => decision.outcome)).toEqual(expect.arrayContaining(['shared', 'offered']));

    const accepted = (await http().post(`/api/v1/offers/${offer.offerId}/accept`).set(rider.auth).expect(200)).body;
    expect(accepted).toMatchObject({ status: 'assigned', courierId: rider.courierId, cooperativeId: a.cooperative.id });
    await eventually("A's dispatchers to see it assigned", async () => aUpdates.some((view) => view.id === placed.id && view.status === 'assigned'));
    await eventually('the customer to see it assigned', async () => statuses.some((status) => status.status === 'assigned'));

    // A's dispatchers follow B's courier while it carries the order (board and feed), as does the customer.
    const aBoard = (await http().get('/api/v1/dispatch/board').set(a.dispatcher.auth).expect(200)).body;
    expect(aBoard.partnerCouriers).toEqual([expect.objectContaining({ id: rider.courierId, cooperativeId: b.cooperative.id, activeOrderIds: [placed.id], position: expect.any(Object) })]);
    // A gateway that starts now learns the same from the database (ids only).
    const restarted = new PartnerCarriedCouriers(system.tracking!.app.get(Transactions));
    await restarted.onApplicationBootstrap();
    expect(restarted.ownersFollowing(rider.courierId)).toEqual([a.cooperative.id]);
    const moved = { ...near(a, 150, 50), accuracy: 5, at: new Date().toISOString() };
    const aSees = nextEvent<CourierPositionEvent>(aDispatch, 'courier.position', (event) => event.courierId === rider.courierId && event.at === moved.at);
    expect(await sendLocation(riderSocket, moved)).toEqual({ ok: true });
    await aSees;
    await eventually('the customer to see the courier move', async () => trackedPositions.some((position) => position.at === moved.at));
    const publicView = (await http().get(`/api/v1/track/${placed.trackingToken}`).expect(200)).body;
    expect(publicView.courierPosition).toMatchObject({ at: moved.at });

    await deliver(system, a, placed.id, rider);
    await eventually('the customer to see it delivered', async () => statuses.some((status) => status.status === 'delivered'));
    await eventually("A's dispatchers to see it delivered", async () => aUpdates.some((view) => view.id === placed.id && view.status === 'delivered'));
    // Once delivered, A no longer follows B's courier.
    expect((await http().get('/api/v1/dispatch/board').set(a.dispatcher.auth).expect(200)).body.partnerCouriers).toEqual([]);

    // Webhooks of A's order go to A's subscribers, whoever moved it; B's hear nothing of it.
    const deliveries = await system.sql<{ subscription_id: string; event_type: string }>(
      `SELECT subscription_id, event_type FROM webhook_deliveries WHERE subscription_id = ANY($1::uuid[]) ORDER BY created_at`,
      [[aHook, bHook]],
    );
    expect(deliveries).toEqual([
      { subscription_id: aHook, event_type: 'order.assigned' },
      { subscription_id: aHook, event_type: 'order.delivered' },
    ]);

    // The statement: the same for both co-ops, exact integer sums.
    const period = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const forA = (await http().get(`/api/v1/partnerships/${partnershipId}/statement?${period}`).set(a.admin.auth).expect(200)).body;
    const forB = (await http().get(`/api/v1/partnerships/${partnershipId}/statement?${period}`).set(b.admin.auth).expect(200)).body;
    expect(forB).toEqual(forA);
    const share = Math.round(placed.price.amount * 0.8);
    expect(forA.orders).toEqual([
      { orderId: placed.id, ownerCooperativeId: a.cooperative.id, carrierCooperativeId: b.cooperative.id, deliveredAt: expect.any(String), price: placed.price, partnerShare: { amount: share, currency: 'EUR' } },
    ]);
    expect(forA.totals).toEqual({ orders: 1, price: placed.price, partnerShare: { amount: share, currency: 'EUR' } });

    // B's members' report counts the job for B's courier, at what it earns B: the partner's share.
    const report = (await http().get(`/api/v1/reports/couriers?${period}`).set(b.admin.auth).expect(200)).body;
    expect(report.couriers.find((row: { courierId: string }) => row.courierId === rider.courierId)).toMatchObject({ jobs: 1, orderEarnings: { amount: share, currency: 'EUR' } });
    const aReport = (await http().get(`/api/v1/reports/couriers?${period}`).set(a.admin.auth).expect(200)).body;
    expect(aReport.couriers.map((row: { courierId: string }) => row.courierId)).not.toContain(rider.courierId);
  });

  it('hands over only under an active partnership, and an order flagged before goes once one is accepted', async () => {
    const pair = await partnerPair(system);
    const proposal = await propose(system, pair.a, pair.b);
    const order = await placeOrder(system.api, pair.a, orderBody(pair.a.center));
    await flagged(pair.a, order.id);
    await queuesDrained(system);
    expect(await orderOf(pair.a, order.id)).toMatchObject({ carrierCooperativeId: null, status: 'pending', needsAttention: true });
    await http().post(`/api/v1/partnerships/${proposal.id}/decline`).set(pair.b.admin.auth).expect(200);
    await queuesDrained(system);
    expect(await sharesOf(order.id)).toEqual([]);

    await partners(system, pair);
    // The sweep decides again for A's waiting order: now it goes to the partner.
    await sharedWith(pair.a, pair.b, order.id);
    expect(await sharesOf(order.id)).toEqual([{ carrier: pair.b.cooperative.id, status: 'active' }]);
  });

  it('hands over only orders whose pickup and dropoff lie in the partnership area', async () => {
    const pair = await partnerPair(system);
    await partners(system, pair, { area: areaAround(pair.a.center, 0.004) });
    const outside = await placeOrder(system.api, pair.a, orderBody(pair.a.center));
    const inside = await placeOrder(system.api, pair.a, orderBody(pair.a.center, { dropoff: { address: 'Close by', location: near(pair.a, 200, 100) } }));
    await sharedWith(pair.a, pair.b, inside.id);
    await flagged(pair.a, outside.id);
    expect((await orderOf(pair.a, outside.id)).carrierCooperativeId).toBeNull();
    expect(await sharesOf(outside.id)).toEqual([]);
  });

  it('hands over nothing that its own co-op can serve', async () => {
    const pair = await partnerPair(system);
    await partners(system, pair);
    const own = await system.api.newCourier(pair.a.admin);
    await courierAt(system, pair.a, own, eastOf(pair.a.merchant.location, 200));
    const order = await placeOrder(system.api, pair.a, orderBody(pair.a.center));
    const offer = await eventually("an offer to A's own courier", () => openOfferOf(pair.a, order.id));
    expect(offer.courierId).toBe(own.courierId);
    await queuesDrained(system);
    expect((await orderOf(pair.a, order.id)).carrierCooperativeId).toBeNull();
    expect(await sharesOf(order.id)).toEqual([]);
  });

  it('never passes the daily cap, even for a burst of orders placed at once', async () => {
    const pair = await partnerPair(system, { partnerCouriers: 3 });
    const partnershipId = await partners(system, pair, { maxOrdersPerDay: 2 });
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeOrder(system.api, pair.a, orderBody(pair.a.center))));
    await eventually('every order to be handed over or flagged', async () => {
      const views = await Promise.all(orders.map((order) => orderOf(pair.a, order.id)));
      return views.every((view) => view.carrierCooperativeId || view.needsAttention) ? true : undefined;
    });
    await queuesDrained(system);
    const [{ n }] = await system.sql<{ n: number }>(`SELECT count(*)::int AS n FROM order_shares WHERE partnership_id = $1`, [partnershipId]);
    expect(n).toBe(2);
    const views = await Promise.all(orders.map((order) => orderOf(pair.a, order.id)));
    expect(views.filter((view) => view.carrierCooperativeId === pair.b.cooperative.id)).toHaveLength(2);
    expect(views.filter((view) => !view.carrierCooperativeId && view.needsAttention)).toHaveLength(4);
  });

  it('stops handing over the moment it is revoked, while an order already carried is finished and accounted', async () => {
    const pair = await partnerPair(system);
    const { a, b, bCouriers: [rider] } = pair;
    const partnershipId = await partners(system, pair, { shareOfPrice: 0.333 });
    const carried = await placeOrder(system.api, a, orderBody(a.center));
    const offer = await eventually("an offer to B's courier", () => openOfferOf(a, carried.id));
    await http().post(`/api/v1/offers/${offer.id}/accept`).set(rider.auth).expect(200);
    await http().post(`/api/v1/partnerships/${partnershipId}/revoke`).set(b.admin.auth).expect(200);

    const after = await placeOrder(system.api, a, orderBody(a.center));
    await flagged(a, after.id);
    await queuesDrained(system);
    expect(await sharesOf(after.id)).toEqual([]);

    await deliver(system, a, carried.id, rider);
    const period = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const statement = (await http().get(`/api/v1/partnerships/${partnershipId}/statement?${period}`).set(b.admin.auth).expect(200)).body;
    const price = (await orderOf(a, carried.id)).price.amount;
    expect(statement.totals).toEqual({ orders: 1, price: { amount: price, currency: 'EUR' }, partnerShare: { amount: Math.round(price * 0.333), currency: 'EUR' } });
  });

  it('gives the order back, flagged for A, when B cannot serve it either, and never offers it to B again', async () => {
    const pair = await partnerPair(system, { bSettings: { maxOffersPerOrder: 1 } });
    const { a, bCouriers: [rider] } = pair;
    await partners(system, pair);
    const order = await placeOrder(system.api, a, orderBody(a.center));
    const offer = await eventually("an offer to B's courier", () => openOfferOf(a, order.id));
    await http().post(`/api/v1/offers/${offer.id}/decline`).set(rider.auth).send({ reason: 'too far' }).expect(200);
    await eventually('the order to come back to A', async () => {
      const view = await orderOf(a, order.id);
      return view.carrierCooperativeId === null && view.needsAttention ? true : undefined;
    });
    await queuesDrained(system);
    expect(await sharesOf(order.id)).toEqual([{ carrier: pair.b.cooperative.id, status: 'withdrawn' }]);
    await orderAs(pair.b, order.id).expect(404);
    const log = (await http().get(`/api/v1/orders/${order.id}/dispatch-log`).set(a.dispatcher.auth).expect(200)).body;
    expect(log.decisions.map((decision: { outcome: string }) => decision.outcome)).toEqual(expect.arrayContaining(['shared', 'offered', 'declined', 'given_back']));
  });

  it('hands the order to the partner whose best courier the policy scores best', async () => {
    const pair = await partnerPair(system);
    const far = await partnerPair(system, { partnerCouriers: 0 });
    // A second partner for A, with its courier 3 km away (B's is 300 m away).
    const c = far.b;
    const distant = await system.api.newCourier(c.admin);
    await courierAt(system, c, distant, eastOf(pair.a.merchant.location, 3000));
    const proposal = await propose(system, c, pair.a);
    await http().post(`/api/v1/partnerships/${proposal.id}/accept`).set(pair.a.admin.auth).expect(200);
    await partners(system, pair);
    const order = await placeOrder(system.api, pair.a, orderBody(pair.a.center));
    await sharedWith(pair.a, pair.b, order.id);
  });

  it("shows B the shared order and nothing else of A, and A nothing of B but the carrying courier's position", async () => {
    const pair = await partnerPair(system);
    const { a, b, bCouriers: [rider] } = pair;
    await partners(system, pair, { area: areaAround(a.center, 0.004) });
    const shared = await placeOrder(system.api, a, orderBody(a.center, { dropoff: { address: 'Close by', location: near(a, 200, 100) } }));
    const notShared = await placeOrder(system.api, a, orderBody(a.center));
    const offer = await eventually("an offer to B's courier", () => openOfferOf(a, shared.id));
    await flagged(a, notShared.id);

    await orderAs(b, shared.id).expect(200);
    await orderAs(b, notShared.id).expect(404);
    const bList = (await http().get('/api/v1/orders?limit=200').set(b.dispatcher.auth).expect(200)).body.items.map((order: OrderView) => order.id);
    expect(bList).toContain(shared.id);
    expect(bList).not.toContain(notShared.id);
    await http().get(`/api/v1/merchants/${a.merchant.id}`).set(b.admin.auth).expect(404);
    await http().get(`/api/v1/orders/${notShared.id}`).set(rider.auth).expect(404);
    await http().get(`/api/v1/orders/${shared.id}`).set(rider.auth).expect(200);
    await http().get(`/api/v1/orders/${shared.id}`).set(b.merchantUser.auth).expect(404);
    await http().get(`/api/v1/orders/${shared.id}`).set(b.courier.auth).expect(404);

    await http().post(`/api/v1/offers/${offer.id}/accept`).set(rider.auth).expect(200);
    // Placed once B's only courier holds A's order, so that it does not compete for it.
    const bOwn = await placeOrder(system.api, b, orderBody(b.center));
    await orderAs(a, bOwn.id).expect(404);
    await http().get(`/api/v1/couriers/${rider.courierId}`).set(a.admin.auth).expect(404);
    const aCouriers = (await http().get('/api/v1/couriers?limit=200').set(a.admin.auth).expect(200)).body.items.map((courier: { id: string }) => courier.id);
    expect(aCouriers).not.toContain(rider.courierId);
    const aBoard = (await http().get('/api/v1/dispatch/board').set(a.dispatcher.auth).expect(200)).body;
    expect(aBoard.couriers.map((courier: { id: string }) => courier.id)).not.toContain(rider.courierId);
    expect(aBoard.partnerCouriers.map((courier: { id: string }) => courier.id)).toEqual([rider.courierId]);
    expect(aBoard.orders.map((order: OrderView) => order.id)).not.toContain(bOwn.id);
    // What B reads of the shared order does not open the rest of A.
    await http().get(`/api/v1/orders/${notShared.id}/dispatch-log`).set(b.dispatcher.auth).expect(404);
    await http().post(`/api/v1/orders/${notShared.id}/cancel`).set(b.dispatcher.auth).send({ reason: 'x' }).expect(404);
    // The carrier delivers or gives back; cancelling is the owner's call.
    expect((await http().post(`/api/v1/orders/${shared.id}/cancel`).set(b.dispatcher.auth).send({ reason: 'x' }).expect(403)).body.code).toBe('not_the_owner');
  });
});
