import { randomUUID } from 'node:crypto';
import type { LatLng } from '@lib/geo';
import { CourierPositions } from '@lib/positions';
import type { CoopFixture, TestApi } from '@lib/testing';
import type { TestSystem } from './system';

/** A point `metres` east of `origin` (close enough for tests inside one city). */
export function eastOf(origin: LatLng, metres: number): LatLng {
  return { lat: origin.lat, lng: origin.lng + metres / (111_320 * Math.cos((origin.lat * Math.PI) / 180)) };
}

export function northOf(origin: LatLng, metres: number): LatLng {
  return { lat: origin.lat + metres / 111_320, lng: origin.lng };
}

/** Puts a courier on shift at a position, as the courier app and the gateway would. */
export async function courierAt(system: TestSystem, coop: CoopFixture, courier: { auth: { Authorization: string }; courierId: string }, position: LatLng): Promise<void> {
  await system.api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: true }).expect(200);
  await moveCourier(system, coop, courier.courierId, position);
}

export async function moveCourier(system: TestSystem, coop: CoopFixture, courierId: string, position: LatLng): Promise<void> {
  const positions = system.apiApp.app.get(CourierPositions, { strict: false });
  await positions.record(coop.cooperative.id, courierId, { ...position, at: new Date(), accuracy: 10, heading: null, speed: null });
}

export async function placeOrder(api: TestApi, coop: CoopFixture, body: object): Promise<{ id: string; status: string }> {
  const response = await api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', randomUUID()).send(body).expect(201);
  return response.body;
}
