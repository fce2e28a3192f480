import { orderBody, VALENCE } from '@lib/testing';
import { courierAt, deliver, dispatchView, eastOf, northOf, placeOrder } from '../support/factories';
import { bootSystem, TestSystem } from '../support/system';

/** The production policy's choices, observed through the API as a co-op would see them. */
describe('dispatch choices', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await bootSystem();
  });
  afterAll(() => system.close());

  it('stacks a second order of a restaurant on the courier already heading there, keeping the free courier for another shop', async () => {
    const coop = await system.api.newCooperative(VALENCE);
    const view = dispatchView(system, coop);
    const heading = await system.api.newCourier(coop.admin);
    await courierAt(system, coop, heading, eastOf(coop.merchant.location, 800));
    const first = await placeOrder(system.api, coop, orderBody(coop.center));
    const offer = await view.nextOffer(first.id);
    expect(offer.courierId).toBe(heading.courierId);
    await system.api.http.post(`/api/v1/offers/${offer.id}/accept`).set(heading.auth).expect(200);

    // A free courier nearer the restaurant, and a second shop just beyond it.
    const free = await system.api.newCourier(coop.admin);
    await courierAt(system, coop, free, northOf(coop.merchant.location, 500));
    const shopLocation = northOf(coop.merchant.location, 1000);
    const shop = (await system.api.http.post('/api/v1/merchants').set(coop.admin.auth).send({ name: 'Épicerie', address: 'rue Haute', location: shopLocation }).expect(201)).body;
    // Both orders arrive while dispatch is paused, so one decision sees them together.
    await system.api.http.patch(`/api/v1/cooperatives/${coop.cooperative.id}`).set(coop.admin.auth).send({ settings: { dispatchMode: 'manual' } }).expect(200);
    const sameRestaurant = await placeOrder(system.api, coop, orderBody(coop.center));
    const otherShop = (
      await system.api.http
        .post('/api/v1/orders')
        .set(coop.dispatcher.auth)
        .send(orderBody(coop.center, { merchantId: shop.id, dropoff: { address: 'x', location: northOf(shopLocation, 1500) } }))
        .expect(201)
    ).body;
    await system.api.http.patch(`/api/v1/cooperatives/${coop.cooperative.id}`).set(coop.admin.auth).send({ settings: { dispatchMode: 'auto' } }).expect(200);

    const stacked = await view.nextOffer(sameRestaurant.id);
    const other = await view.nextOffer(otherShop.id);
    expect(stacked.courierId).toBe(heading.courierId);
    expect(other.courierId).toBe(free.courierId);
    const decision = (await view.logOf(sameRestaurant.id)).decisions.find((entry: { outcome: string }) => entry.outcome === 'offered');
    expect(decision.candidates.map((candidate: { courierId: string }) => candidate.courierId)).toContain(free.courierId);
  });

  it('gives the job to the courier with less work today when distances are close', async () => {
    const coop = await system.api.newCooperative(VALENCE);
    const view = dispatchView(system, coop);
    const busy = coop.courier;
    const rested = await system.api.newCourier(coop.admin);
    // The busy courier delivered five orders today (assigned by hand while nobody was on shift).
    await courierAt(system, coop, busy, eastOf(coop.merchant.location, 400));
    for (let i = 0; i < 5; i += 1) {
      const order = await placeOrder(system.api, coop, orderBody(coop.center));
      await system.api.http.post(`/api/v1/orders/${order.id}/assign`).set(coop.dispatcher.auth).send({ courierId: busy.courierId }).expect(200);
      await deliver(system, coop, order.id, busy);
    }
    // Now both wait near the restaurant, the busy one a little nearer.
    await courierAt(system, coop, rested, northOf(coop.merchant.location, 450));
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    const offer = await view.nextOffer(order.id);
    expect(offer.courierId).toBe(rested.courierId);
    const decision = (await view.logOf(order.id)).decisions.find((entry: { outcome: string }) => entry.outcome === 'offered');
    const termsOf = (id: string) => decision.candidates.find((candidate: { courierId: string }) => candidate.courierId === id).terms;
    expect(termsOf(busy.courierId).fairness).toBeGreaterThan(termsOf(rested.courierId).fairness);
  });
});
