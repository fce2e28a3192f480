import type { Geometry, Position } from 'geojson';
import type { LatLng } from '@lib/wire';

/** Great-circle distance in metres (haversine): good enough to rank couriers for a dispatcher. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Whether a point lies in a GeoJSON Polygon/MultiPolygon (holes excluded). Lets the merchant form warn before asking the server. */
export function isInsideArea(point: LatLng, area: Geometry | null | undefined): boolean {
  if (!area) return true;
  if (area.type === 'Polygon') return insidePolygon(point, area.coordinates);
  if (area.type === 'MultiPolygon') return area.coordinates.some((polygon) => insidePolygon(point, polygon));
  return true;
}

function insidePolygon(point: LatLng, rings: Position[][]): boolean {
  const [outer, ...holes] = rings;
  return insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole));
}

// Ray casting on [lng, lat] pairs.
function insideRing({ lat, lng }: LatLng, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
