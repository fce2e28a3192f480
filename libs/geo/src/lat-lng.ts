import type { Point } from 'geojson';

/** A WGS84 position as the public API writes it. */
export interface LatLng {
  lat: number;
  lng: number;
}

export function toGeoJsonPoint(position: LatLng): Point {
  return { type: 'Point', coordinates: [position.lng, position.lat] };
}

export function fromGeoJsonPoint(point: Point): LatLng {
  const [lng, lat] = point.coordinates;
  return { lat, lng };
}

export function isValidLatLng(value: unknown): value is LatLng {
  if (typeof value !== 'object' || value === null) return false;
  const { lat, lng } = value as Record<string, unknown>;
  return typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)
    && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
}
