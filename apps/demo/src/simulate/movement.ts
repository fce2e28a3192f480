import { haversineMeters, LocalProjection, type LatLng, type PlanarPoint } from '@lib/geo';
import type { Rng } from '../rng';
import { round6 } from '../geo/area';

/** Distance between parallel streets of the imagined grid. */
export const BLOCK_METERS = 120;

/**
 * A bike's way from `from` to `to` through a street grid anchored on the city centre: onto the
 * nearest street, along streets in runs of one to three blocks alternating between the two
 * directions (a staircase, not an L: riders zig-zag through a centre), then off the street to
 * the door. Every leg is east-west or north-south, so markers move the way riders do, and the
 * length is about the Manhattan distance (~1.3 × the straight line, the detour factor the
 * pricing assumes).
 */
export function streetPath(from: LatLng, to: LatLng, gridOrigin: LatLng, rng: Rng, block = BLOCK_METERS): LatLng[] {
  const projection = new LocalProjection(gridOrigin);
  const a = projection.toPlanar(from);
  const b = projection.toPlanar(to);
  let planar: PlanarPoint[];
  if (Math.abs(a.x - b.x) + Math.abs(a.y - b.y) < 2 * block) {
    planar = [a, { x: b.x, y: a.y }, b];
  } else {
    const [aStreet, aCorner] = ontoGrid(a, block);
    const [bStreet, bCorner] = ontoGrid(b, block);
    planar = [a, aStreet, aCorner, ...staircase(aCorner, bCorner, block, rng), bCorner, bStreet, b];
  }
  const path = withoutRepeats(planar).map((point) => projection.toLatLng(point));
  path[0] = from;
  path[path.length - 1] = to;
  return path;
}

/** The nearest point on a street, then the nearest crossing along that street. */
function ontoGrid(point: PlanarPoint, block: number): [PlanarPoint, PlanarPoint] {
  const gridX = Math.round(point.x / block) * block;
  const gridY = Math.round(point.y / block) * block;
  if (Math.abs(point.x - gridX) <= Math.abs(point.y - gridY)) {
    return [{ x: gridX, y: point.y }, { x: gridX, y: gridY }];
  }
  return [{ x: point.x, y: gridY }, { x: gridX, y: gridY }];
}

/** Crossings between two crossings (both excluded), in runs of 1–3 blocks per direction. */
function staircase(start: PlanarPoint, end: PlanarPoint, block: number, rng: Rng): PlanarPoint[] {
  const points: PlanarPoint[] = [];
  let { x, y } = start;
  let alongX = rng.chance(0.5);
  const blocksLeft = () => [Math.round((end.x - x) / block), Math.round((end.y - y) / block)];
  // Bounded, so that a bad coordinate (NaN never rounds to 0) cannot spin the process forever.
  for (let [dx, dy] = blocksLeft(), turns = 0; (dx !== 0 || dy !== 0) && turns < 10_000; [dx, dy] = blocksLeft(), turns += 1) {
    const left = alongX ? dx : dy;
    if (left !== 0) {
      const run = Math.min(Math.abs(left), rng.int(1, 3)) * Math.sign(left) * block;
      if (alongX) x += run;
      else y += run;
      points.push({ x, y });
    }
    alongX = !alongX;
  }
  points.pop(); // that last crossing is `end` itself
  return points;
}

function withoutRepeats(points: PlanarPoint[]): PlanarPoint[] {
  return points.filter((point, i) => i === 0 || Math.hypot(point.x - points[i - 1].x, point.y - points[i - 1].y) > 0.5);
}

export function pathLength(path: readonly LatLng[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i += 1) total += haversineMeters(path[i - 1], path[i]);
  return total;
}

/** Where a rider is after `distance` metres along the path (clamped to its ends), and which way it faces. */
export function pointAlong(path: readonly LatLng[], distance: number): { position: LatLng; heading: number } {
  let left = Math.max(0, distance);
  for (let i = 1; i < path.length; i += 1) {
    const [start, end] = [path[i - 1], path[i]];
    const length = haversineMeters(start, end);
    if (left <= length || i === path.length - 1) {
      const t = length === 0 ? 1 : Math.min(1, left / length);
      return { position: { lat: start.lat + (end.lat - start.lat) * t, lng: start.lng + (end.lng - start.lng) * t }, heading: headingOf(start, end) };
    }
    left -= length;
  }
  return { position: path[path.length - 1], heading: 0 };
}

/** Degrees clockwise from north, in [0, 360). */
export function headingOf(from: LatLng, to: LatLng): number {
  const dx = (to.lng - from.lng) * Math.cos((from.lat * Math.PI) / 180);
  const dy = to.lat - from.lat;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/**
 * One ride along a path at a steady speed. `advance` is called every few seconds with the
 * elapsed time; `reported` is what the phone would say: the true spot plus a few metres of
 * GPS noise (the ride itself stays on the street).
 */
export class Ride {
  private travelled = 0;
  readonly length: number;

  constructor(
    readonly path: readonly LatLng[],
    private readonly metersPerSecond: number,
  ) {
    this.length = pathLength(path);
  }

  get arrived(): boolean {
    return this.travelled >= this.length;
  }

  get position(): LatLng {
    return pointAlong(this.path, this.travelled).position;
  }

  get heading(): number {
    return pointAlong(this.path, this.travelled).heading;
  }

  advance(seconds: number): void {
    this.travelled = Math.min(this.length, this.travelled + this.metersPerSecond * seconds);
  }
}

/** A GPS fix around the true position: a few metres of noise, like a phone in a street. */
export function withGpsNoise(position: LatLng, rng: Rng, metres = 4): LatLng {
  const metresPerDegreeLat = 111_320;
  const metresPerDegreeLng = metresPerDegreeLat * Math.cos((position.lat * Math.PI) / 180);
  return {
    lat: round6(position.lat + rng.gaussian(metres) / metresPerDegreeLat),
    lng: round6(position.lng + rng.gaussian(metres) / metresPerDegreeLng),
  };
}
