import { randomBytes, randomUUID } from 'node:crypto';
import { Tokens } from '@lib/auth';
import type { LatLng } from '@lib/geo';
import { CourierPositions } from '@lib/positions';
import type { CoopFixture, Session, TestApi } from '@lib/testing';
import { eventually } from './eventually';
import type { TestSystem } from './system';

/**
 * The e2e factories over a booted system, next to libs/testing's `TestApi` (co-ops, users,
 * couriers and accounts through the public API): places, shifts, positions, orders, and
 * reading an order's dispatch as its dispatcher does.
 */

export type Courier = Session & { courierId: string };

// ── Places ──────────────────────────────────────────────────────────────────────────────────

/** A point `metres` east of `origin` (close enough for tests inside one city). */
export function eastOf(origin: LatLng, metres: number): LatLng {
  return { lat: origin.lat, lng: origin.lng + metres / (111_320 * Math.cos((origin.lat * Math.PI) / 180)) };
}

export function northOf(origin: LatLng, metres: number): LatLng {
  return { lat: origin.lat + metres / 111_320, lng: origin.lng };
}

/** A point `metersNorth` north of the co-op's centre (about 111 km per degree of latitude). */
export function near(coop: CoopFixture, metersNorth = 0, metersEast = 0) {
  return { lat: coop.center.lat + metersNorth / 111_320, lng: coop.center.lng + metersEast / 78_800 };
}

/** A location message measured `secondsAgo` seconds ago. */
export function locationAt(coop: CoopFixture, secondsAgo = 0, metersNorth = 0) {
  return { ...near(coop, metersNorth), accuracy: 8, at: new Date(Date.now() - secondsAgo * 1000).toISOString() };
}

// ── Couriers ────────────────────────────────────────────────────────────────────────────────

/**
 * Another courier of the co-op, created through the API; its token is signed by the API's own
 * Tokens service instead of a login, because logins are rate limited (10 a minute).
 */
export async function newCourier(system: TestSystem, coop: CoopFixture): Promise<Courier> {
  const account = await system.api.newAccount(coop.admin, 'courier', { courier: { vehicle: 'bike', capacity: 2 } });
  const courierId = account.courierId!;
  const user = { id: account.id, role: 'courier', cooperativeId: coop.cooperative.id, name: account.name, courierId };
  const token = system.apiApp.app.get(Tokens).issue({ userId: user.id, role: 'courier', cooperativeId: coop.cooperative.id, name: account.name, courierId });
  return { token, user, auth: { Authorization: `Bearer ${token}` }, courierId };
}

/** Starts the courier's shift through the API (which tells the dispatchers and the gateways). */
export async function startShift(system: TestSystem, _coop: CoopFixture, courier: Courier): Promise<void> {
  await system.api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: true }).expect(200);
}

/** Puts a courier on shift at a position, as the courier app and the gateway would. */
export async function courierAt(system: TestSystem, coop: CoopFixture, courier: Courier, position: LatLng): Promise<void> {
  await startShift(system, coop, courier);
  await moveCourier(system, coop, courier.courierId, position);
}

export async function moveCourier(system: TestSystem, coop: CoopFixture, courierId: string, position: LatLng): Promise<void> {
  const positions = system.apiApp.app.get(CourierPositions, { strict: false });
  await positions.record(coop.cooperative.id, courierId, { ...position, at: new Date(), accuracy: 10, heading: null, speed: null });
}

// ── Orders ──────────────────────────────────────────────────────────────────────────────────

export async function placeOrder(api: TestApi, coop: CoopFixture, body: object): Promise<{ id: string; status: string }> {
  const response = await api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', randomUUID()).send(body).expect(201);
  return response.body;
}

/** A new order of the co-op's merchant, ready in five minutes, created through the API as a shop would. */
export async function newOrder(system: TestSystem, coop: CoopFixture): Promise<{ id: string; trackingToken: string }> {
  const response = await system.api.http
    .post('/api/v1/orders')
    .set(coop.merchantUser.auth)
    .set('Idempotency-Key', randomBytes(8).toString('hex'))
    .send({
      dropoff: { address: '3 rue du Test', location: near(coop, 800, 300), contactName: 'Client', phone: '+33600000000' },
      readyAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      parcel: { size: 'S', weightKg: 1 },
    })
    .expect(201);
  return { id: response.body.id, trackingToken: response.body.trackingToken };
}

/** Moves an order in the database (as the owner), for handshakes that read its status. */
export async function setOrderState(system: TestSystem, orderId: string, status: string, courierId: string | null): Promise<void> {
  await system.sql(`UPDATE orders SET status = $2, courier_id = $3 WHERE id = $1`, [orderId, status, courierId]);
}

/** Runs an order through pickup and delivery by its holder (PIN from the tracking view). */
export async function deliver(system: TestSystem, coop: CoopFixture, orderId: string, holder: Courier): Promise<void> {
  const order = (await system.api.http.get(`/api/v1/orders/${orderId}`).set(coop.dispatcher.auth).expect(200)).body;
  await system.api.http.post(`/api/v1/orders/${orderId}/pickup`).set(holder.auth).expect(200);
  const pin = (await system.api.http.get(`/api/v1/track/${order.trackingToken}`).expect(200)).body.deliveryPin;
  await system.api.http.post(`/api/v1/orders/${orderId}/deliver`).set(holder.auth).send({ proof: { type: 'pin', value: pin } }).expect(200);
}

// ── Reading dispatch ────────────────────────────────────────────────────────────────────────

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
