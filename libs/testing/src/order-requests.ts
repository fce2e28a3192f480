import type { LatLng } from '@lib/geo';

/** A valid order body a short ride from `center`, ready now, to be tweaked per test. */
export function orderBody(center: LatLng, overrides: Record<string, unknown> = {}) {
  return {
    dropoff: {
      address: '8 rue de l\'Université',
      location: { lat: center.lat + 0.01, lng: center.lng + 0.008 },
      contactName: 'Camille',
      phone: '+33 6 12 34 56 78',
      notes: 'code 1234',
    },
    parcel: { size: 'M', weightKg: 2.5 },
    reference: `ref-${Math.random().toString(36).slice(2, 8)}`,
    ...overrides,
  };
}
