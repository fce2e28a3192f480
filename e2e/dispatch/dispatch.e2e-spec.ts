import { CoopFixture, orderBody, VALENCE } from '@lib/testing';
import { Courier, courierAt, eastOf, northOf, placeOrder } from '../support/factories';
import { queuesDrained } from '../support/queues';
import { bootSystem, eventually, TestSystem } from '../support/system';

describe('dispatch', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await bootSystem();
  });
  afterAll(() => system.close());

  const orderOf = (coop: CoopFixture, id: string) => system.api.http.get(`/api/v1/orders/${id}`).set(coop.dispatcher.auth).expect(200).then((r) => r.body);
  const logOf = (coop: CoopFixture, id: string) => system.api.http.get(`/api/v1/orders/${id}/dispatch-log`).set(coop.dispatcher.auth).expect(200).then((r) => r.body);
  const openOfferOf = async (coop: CoopFixture, orderId: string) => {
    const log = await logOf(coop, orderId);
    return log.offers.find((offer: { status: string }) => offer.status === 'open') as { id: string; courierId: string } | undefined;
  };

  async function coopWithCouriers(distances: number[], settings: Record<string, unknown> = {}) {
    const coop = await system.api.newCooperative(VALENCE, settings);
    const couriers: Courier[] = [];
    for (const distance of distances) {
      const courier = await system.api.newCourier(coop.admin);
      await courierAt(system, coop, courier, eastOf(coop.merchant.location, distance));
      couriers.push(courier);
    }
    return { coop, couriers };
  }

  it('offers a new order to the nearest suitable courier and logs why', async () => {
    const { coop, couriers } = await coopWithCouriers([2500, 400, 1500]);
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    const offer = await eventually('an offer', () => openOfferOf(coop, order.id));
    expect(offer.courierId).toBe(couriers[1].courierId);
    expect((await orderOf(coop, order.id)).status).toBe('offered');
    const log = await logOf(coop, order.id);
    const decision = log.decisions.find((entry: { outcome: string }) => entry.outcome === 'offered');
    expect(decision).toMatchObject({ courierId: couriers[1].courierId, policy: 'rolling-horizon', reason: expect.any(String) });
    expect(decision.candidates.map((candidate: { courierId: string }) => candidate.courierId)).toEqual(
      expect.arrayContaining(couriers.map((courier) => courier.courierId)),
    );
    expect(decision.candidates[0]).toMatchObject({ courierId: couriers[1].courierId, score: expect.any(Number), terms: expect.any(Object) });
    // The log compares couriers: co-op members read it, the shop does not.
    await system.api.http.get(`/api/v1/orders/${order.id}/dispatch-log`).set(coop.merchantUser.auth).expect(403);
    await system.api.http.get(`/api/v1/orders/${order.id}/dispatch-log`).set(couriers[1].auth).expect(200);
  });

  it('moves to the next courier when one declines, and the order ends with the one who accepts', async () => {
    const { coop, couriers } = await coopWithCouriers([300, 1200]);
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    const first = await eventually('a first offer', () => openOfferOf(coop, order.id));
    expect(first.courierId).toBe(couriers[0].courierId);
    await system.api.http.post(`/api/v1/offers/${first.id}/decline`).set(couriers[0].auth).send({ reason: 'flat tyre' }).expect(200);
    const second = await eventually('a second offer', async () => {
      const offer = await openOfferOf(coop, order.id);
      return offer && offer.id !== first.id ? offer : undefined;
    });
    expect(second.courierId).toBe(couriers[1].courierId);
    await system.api.http.post(`/api/v1/offers/${first.id}/accept`).set(couriers[0].auth).expect(409);
    const accepted = await system.api.http.post(`/api/v1/offers/${second.id}/accept`).set(couriers[1].auth).expect(200);
    expect(accepted.body).toMatchObject({ status: 'assigned', courierId: couriers[1].courierId });
    expect(accepted.body.events.map((event: { status: string }) => event.status)).toEqual(['pending', 'offered', 'pending', 'offered', 'assigned']);
  });

  it('moves on when an offer expires unanswered', async () => {
    const { coop, couriers } = await coopWithCouriers([300, 1200], { offerTimeoutSeconds: 5 });
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    const first = await eventually('a first offer', () => openOfferOf(coop, order.id));
    expect(first.courierId).toBe(couriers[0].courierId);
    const second = await eventually(
      'the offer to expire and the next courier to be asked',
      async () => {
        const offer = await openOfferOf(coop, order.id);
        return offer && offer.id !== first.id ? offer : undefined;
      },
      20_000,
    );
    expect(second.courierId).toBe(couriers[1].courierId);
    const log = await logOf(coop, order.id);
    expect(log.offers[0]).toMatchObject({ id: first.id, status: 'expired' });
  });

  it('flags an order for dispatchers when every offer was refused, and re-dispatches when a courier comes on shift', async () => {
    const { coop, couriers } = await coopWithCouriers([300], { maxOffersPerOrder: 3 });
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    const offer = await eventually('an offer', () => openOfferOf(coop, order.id));
    await system.api.http.post(`/api/v1/offers/${offer.id}/decline`).set(couriers[0].auth).send({}).expect(200);
    const flagged = await eventually('the order to need attention', async () => {
      const current = await orderOf(coop, order.id);
      return current.needsAttention && current.status === 'pending' ? current : undefined;
    });
    expect(flagged.courierId).toBeNull();
    const newcomer = await system.api.newCourier(coop.admin);
    await courierAt(system, coop, newcomer, northOf(coop.merchant.location, 800));
    const next = await eventually('an offer to the newcomer', () => openOfferOf(coop, order.id));
    expect(next.courierId).toBe(newcomer.courierId);
  });

  it('never auto-offers in manual mode, and a dispatcher assigns by hand', async () => {
    const { coop, couriers } = await coopWithCouriers([300], { dispatchMode: 'manual' });
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    // The order's dispatch job (and any sweep queued meanwhile) has run: it must have offered nothing.
    await queuesDrained(system);
    expect((await orderOf(coop, order.id)).status).toBe('pending');
    expect((await logOf(coop, order.id)).offers).toEqual([]);
    const assigned = await system.api.http.post(`/api/v1/orders/${order.id}/assign`).set(coop.dispatcher.auth).send({ courierId: couriers[0].courierId }).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', courierId: couriers[0].courierId });
    const unassigned = await system.api.http.post(`/api/v1/orders/${order.id}/unassign`).set(coop.dispatcher.auth).expect(200);
    expect(unassigned.body).toMatchObject({ status: 'pending', courierId: null });
  });

  it('lets a courier pick up and deliver with the customer PIN, refusing a wrong PIN and strangers', async () => {
    const { coop, couriers } = await coopWithCouriers([300, 500]);
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    const offer = await eventually('an offer', () => openOfferOf(coop, order.id));
    const holder = couriers.find((courier) => courier.courierId === offer.courierId)!;
    const stranger = couriers.find((courier) => courier.courierId !== offer.courierId)!;
    await system.api.http.post(`/api/v1/offers/${offer.id}/accept`).set(holder.auth).expect(200);
    await system.api.http.post(`/api/v1/orders/${order.id}/pickup`).set(stranger.auth).expect(404);
    await system.api.http.post(`/api/v1/orders/${order.id}/deliver`).set(holder.auth).send({}).expect(409);
    await system.api.http.post(`/api/v1/orders/${order.id}/pickup`).set(holder.auth).expect(200);
    const wrong = await system.api.http.post(`/api/v1/orders/${order.id}/deliver`).set(holder.auth).send({ proof: { type: 'pin', value: 'abcd' } }).expect(422);
    expect(wrong.body.code).toBe('wrong_pin');
    const pin = (await system.api.http.get(`/api/v1/track/${(await orderOf(coop, order.id)).trackingToken}`).expect(200)).body.deliveryPin;
    const delivered = await system.api.http.post(`/api/v1/orders/${order.id}/deliver`).set(holder.auth).send({ proof: { type: 'pin', value: pin } }).expect(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', proof: { type: 'pin', value: 'verified' } });
    await system.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(coop.dispatcher.auth).send({ reason: 'late' }).expect(409);
  });
});
