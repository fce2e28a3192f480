import type { LatLng } from './lat-lng';

const EARTH_RADIUS_METERS = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Streets are not straight lines: until a router is configured, a bike's road distance is
 * estimated as the straight line times this factor (typical for European city centres).
 */
export const BIKE_DETOUR_FACTOR = 1.3;
export const BIKE_SPEED_METERS_PER_MINUTE = 250; // 15 km/h including stops

export function bikeMeters(a: LatLng, b: LatLng): number {
  return Math.round(haversineMeters(a, b) * BIKE_DETOUR_FACTOR);
}

export function bikeMinutes(a: LatLng, b: LatLng): number {
  return bikeMeters(a, b) / BIKE_SPEED_METERS_PER_MINUTE;
}
