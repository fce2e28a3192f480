import type { CoopFixture } from '@lib/testing';

export interface BodyContext {
  /** The path parameters the route is called with. */
  values: Record<string, string>;
  /** The caller's own co-op. */
  own: CoopFixture;
  /** The delivery PIN of an order, when the test knows it. */
  pinOf: (orderId: string) => string | undefined;
}

/**
 * A plausible valid body for every route with an id that takes one, keyed as the OpenAPI
 * document names the route, so validation cannot answer before the route looks the id up.
 * Several bodies are several attempts. A route missing here fails the tests that need it.
 */
export const plausibleBodies: Record<string, (context: BodyContext) => object[]> = {
  'PATCH /api/v1/cooperatives/{id}': () => [{ name: 'Renamed by a stranger', settings: { dispatchMode: 'auto' } }],
  'PATCH /api/v1/users/{id}': () => [{ name: 'Renamed by a stranger', password: 'a-stranger-password' }],
  'PATCH /api/v1/merchants/{id}': ({ own }) => [{ name: 'Renamed by a stranger', location: own.center }],
  'PATCH /api/v1/couriers/{id}': () => [{ capacity: 7, vehicle: 'cargo_bike' }],
  'POST /api/v1/orders/{id}/cancel': () => [{ reason: 'cancelled by a stranger' }],
  // The order's real PIN when known: were the lookup wrong, this delivery would go through.
  'POST /api/v1/orders/{id}/deliver': ({ values, pinOf }) => [{ proof: { type: 'pin', value: pinOf(values.id) ?? '0000' } }],
  'POST /api/v1/orders/{id}/fail': () => [{ reason: 'failed by a stranger' }],
  // To the caller's own courier: a valid body from the caller's side.
  'POST /api/v1/orders/{id}/assign': ({ own }) => [{ courierId: own.courier.courierId }],
  'POST /api/v1/offers/{id}/decline': () => [{ reason: 'declined by a stranger' }],
};
