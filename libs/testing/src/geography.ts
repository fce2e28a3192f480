import type { Polygon } from 'geojson';
import type { LatLng } from '@lib/geo';

/** A square service area of `halfSizeDeg` degrees around a centre, closed as GeoJSON requires. */
export function squareArea(center: LatLng, halfSizeDeg = 0.05): Polygon {
  const { lat, lng } = center;
  const d = halfSizeDeg;
  return {
    type: 'Polygon',
    coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]],
  };
}

export const VALENCE: LatLng = { lat: 44.9334, lng: 4.8924 };
export const LYON: LatLng = { lat: 45.764, lng: 4.8357 };
