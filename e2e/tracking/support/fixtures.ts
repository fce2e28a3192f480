import { randomBytes } from 'node:crypto';
import { Tokens } from '@lib/auth';
import type { CoopFixture, Session } from '@lib/testing';
import type { TrackingHarness } from './tracking-harness';

/** A point `metersNorth` north of the co-op's centre (about 111 km per degree of latitude). */
export function near(coop: CoopFixture, metersNorth = 0, metersEast = 0) {
  return { lat: coop.center.lat + metersNorth / 111_320, lng: coop.center.lng + metersEast / 78_800 };
}

/** A location message measured `secondsAgo` seconds ago. */
export function locationAt(coop: CoopFixture, secondsAgo = 0, metersNorth = 0) {
  return { ...near(coop, metersNorth), accuracy: 8, at: new Date(Date.now() - secondsAgo * 1000).toISOString() };
}

/** Starts the courier's shift through the API (which tells the dispatchers and the gateways). */
export async function startShift(harness: TrackingHarness, _coop: CoopFixture, courier: Session & { courierId: string }): Promise<void> {
  await harness.api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: true }).expect(200);
}

/** A new order of the co-op's merchant, created through the API as a shop would. */
export async function newOrder(harness: TrackingHarness, coop: CoopFixture): Promise<{ id: string; trackingToken: string }> {
  const response = await harness.api.http
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
export async function setOrderState(harness: TrackingHarness, orderId: string, status: string, courierId: string | null): Promise<void> {
  await harness.sql(`UPDATE orders SET status = $2, courier_id = $3 WHERE id = $1`, [orderId, status, courierId]);
}

/**
 * Another courier of the co-op, created through the API; its token is signed by the API's own
 * Tokens service instead of a login, because logins are rate limited (10 a minute).
 */
export async function newCourier(harness: TrackingHarness, coop: CoopFixture): Promise<Session & { courierId: string }> {
  const name = `courier ${randomBytes(3).toString('hex')}`;
  const created = await harness.api.http
    .post('/api/v1/users')
    .set(coop.admin.auth)
    .send({ email: `${randomBytes(6).toString('hex')}@test.example`, password: 'password-1234', name, role: 'courier', courier: { vehicle: 'bike', capacity: 2 } })
    .expect(201);
  const courierId: string = created.body.courier.id;
  const user = { id: created.body.id, role: 'courier', cooperativeId: coop.cooperative.id, name, courierId };
  const token = harness.apiApp.app.get(Tokens).issue({ userId: user.id, role: 'courier', cooperativeId: coop.cooperative.id, name, courierId });
  return { token, user, auth: { Authorization: `Bearer ${token}` }, courierId };
}
