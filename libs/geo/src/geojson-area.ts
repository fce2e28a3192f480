import type { MultiPolygon, Polygon } from 'geojson';

/**
 * Structural checks of a GeoJSON Polygon/MultiPolygon (closed rings of at least four valid
 * [lng, lat] positions). Topological validity (self-intersection) is left to PostGIS.
 * Returns the problems found, empty when the area is well formed.
 */
export function areaProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['must be a GeoJSON Polygon or MultiPolygon'];
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') return polygonProblems(coordinates);
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return ['MultiPolygon needs at least one polygon'];
    return coordinates.flatMap((polygon) => polygonProblems(polygon));
  }
  return ['type must be "Polygon" or "MultiPolygon"'];
}

function polygonProblems(rings: unknown): string[] {
  if (!Array.isArray(rings) || rings.length === 0) return ['a polygon needs at least one ring'];
  return rings.flatMap((ring) => ringProblems(ring));
}

function ringProblems(ring: unknown): string[] {
  if (!Array.isArray(ring) || ring.length < 4) return ['a ring needs at least four positions'];
  if (!ring.every(isPosition)) return ['positions must be [lng, lat] with lng in ±180 and lat in ±90'];
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return first[0] === last[0] && first[1] === last[1] ? [] : ['a ring must end where it starts'];
}

function isPosition(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n))
    && Math.abs(value[0]) <= 180 && Math.abs(value[1]) <= 90;
}

export function toMultiPolygon(area: Polygon | MultiPolygon): MultiPolygon {
  return area.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [area.coordinates] } : area;
}
