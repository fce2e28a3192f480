import type { Polygon } from 'geojson';
import { haversineMeters, type LatLng } from '@lib/geo';
import type { Rng } from '../rng';

/** Ray casting on one ring of [lng, lat] positions (fine at city scale). */
function insideRing(point: LatLng, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const crosses = yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function isInsideArea(point: LatLng, area: Polygon): boolean {
  const [outer, ...holes] = area.coordinates;
  return insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole));
}

export function boundsOf(area: Polygon): { south: number; west: number; north: number; east: number } {
  const outer = area.coordinates[0];
  const lngs = outer.map(([lng]) => lng);
  const lats = outer.map(([, lat]) => lat);
  return { south: Math.min(...lats), west: Math.min(...lngs), north: Math.max(...lats), east: Math.max(...lngs) };
}

/**
 * A uniform random point inside the area, and within `maxMeters` of `near` when given (a
 * customer a bike ride away, not across the whole city). Rejection sampling in the bounding
 * box: areas are convex-ish city shapes, so few draws are wasted. Falls back to `near` itself.
 */
export function samplePointInArea(area: Polygon, rng: Rng, near?: { center: LatLng; maxMeters: number }): LatLng {
  const { south, west, north, east } = boundsOf(area);
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const point = { lat: rng.between(south, north), lng: rng.between(west, east) };
    if (!isInsideArea(point, area)) continue;
    if (near && haversineMeters(point, near.center) > near.maxMeters) continue;
    return { lat: round6(point.lat), lng: round6(point.lng) };
  }
  if (near && isInsideArea(near.center, area)) return near.center;
  throw new Error('samplePointInArea: no point found inside the area');
}

/** Six decimals is ~10 cm: what a phone reports, and keeps request bodies readable. */
export const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
