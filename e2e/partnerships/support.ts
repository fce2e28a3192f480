import type { LatLng } from '@lib/geo';
import { CoopFixture, squareArea, VALENCE } from '@lib/testing';
import { Courier, courierAt, eastOf } from '../support/factories';
import type { TestSystem } from '../support/system';

/** B's centre: 0.03° east of A's, so the two 0.1°-wide service areas overlap on 0.07° around A's merchant. */
export const PARTNER_CENTRE: LatLng = { lat: VALENCE.lat, lng: VALENCE.lng + 0.03 };

export interface PartnerPair {
  a: CoopFixture;
  b: CoopFixture;
  /** B's couriers on shift near A's merchant. */
  bCouriers: Courier[];
}

/**
 * Two co-ops whose service areas overlap around A's merchant: A with no courier on shift (it
 * cannot serve anything), B with `partnerCouriers` couriers on shift `metres` east of A's merchant.
 */
export async function partnerPair(system: TestSystem, options: { partnerCouriers?: number; aSettings?: Record<string, unknown>; bSettings?: Record<string, unknown> } = {}): Promise<PartnerPair> {
  const a = await system.api.newCooperative(VALENCE, options.aSettings);
  const b = await system.api.newCooperative(PARTNER_CENTRE, options.bSettings);
  const bCouriers: Courier[] = [];
  for (let i = 0; i < (options.partnerCouriers ?? 1); i++) {
    const courier = await system.api.newCourier(b.admin);
    await courierAt(system, b, courier, eastOf(a.merchant.location, 300 + 200 * i));
    bCouriers.push(courier);
  }
  return { a, b, bCouriers };
}

export async function propose(system: TestSystem, from: CoopFixture, to: CoopFixture, terms: Record<string, unknown> = {}): Promise<{ id: string; status: string }> {
  const response = await system.api.http
    .post('/api/v1/partnerships')
    .set(from.admin.auth)
    .send({ partnerCooperativeId: to.cooperative.id, terms: { shareOfPrice: 0.8, maxOrdersPerDay: 10, ...terms } })
    .expect(201);
  return response.body;
}

/** A proposes, B accepts: an active partnership. */
export async function partners(system: TestSystem, pair: PartnerPair, terms: Record<string, unknown> = {}): Promise<string> {
  const proposed = await propose(system, pair.a, pair.b, terms);
  await system.api.http.post(`/api/v1/partnerships/${proposed.id}/accept`).set(pair.b.admin.auth).expect(200);
  return proposed.id;
}

/** An area around A's merchant only: a small square of `halfSizeDeg`. */
export function areaAround(centre: LatLng, halfSizeDeg: number) {
  return squareArea(centre, halfSizeDeg);
}
