import type { CoopFixture, Session } from '@lib/testing';
import { eventually, TestSystem } from './system';

export type Courier = Session & { courierId: string };

export interface OfferView {
  id: string;
  courierId: string;
  status: string;
}

/** Reading an order and its dispatch log as the co-op's dispatcher does. */
export function dispatchView(system: TestSystem, coop: CoopFixture) {
  const orderOf = (id: string) => system.api.http.get(`/api/v1/orders/${id}`).set(coop.dispatcher.auth).expect(200).then((r) => r.body);
  const logOf = (id: string) => system.api.http.get(`/api/v1/orders/${id}/dispatch-log`).set(coop.dispatcher.auth).expect(200).then((r) => r.body);
  const openOfferOf = async (id: string): Promise<OfferView | undefined> =>
    (await logOf(id)).offers.find((offer: OfferView) => offer.status === 'open');
  const nextOffer = (id: string, what = 'an offer') => eventually(what, () => openOfferOf(id));
  return { orderOf, logOf, openOfferOf, nextOffer };
}

/** Runs an order through pickup and delivery by its holder (PIN from the tracking view). */
export async function deliver(system: TestSystem, coop: CoopFixture, orderId: string, holder: Courier): Promise<void> {
  const order = (await system.api.http.get(`/api/v1/orders/${orderId}`).set(coop.dispatcher.auth).expect(200)).body;
  await system.api.http.post(`/api/v1/orders/${orderId}/pickup`).set(holder.auth).expect(200);
  const pin = (await system.api.http.get(`/api/v1/track/${order.trackingToken}`).expect(200)).body.deliveryPin;
  await system.api.http.post(`/api/v1/orders/${orderId}/deliver`).set(holder.auth).send({ proof: { type: 'pin', value: pin } }).expect(200);
}
