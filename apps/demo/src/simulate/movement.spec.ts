import { haversineMeters, LocalProjection, type LatLng } from '@lib/geo';
import { CITIES } from '../cities';
import { Rng } from '../rng';
import { headingOf, pathLength, pointAlong, Ride, streetPath, withGpsNoise } from './movement';

const VALENCE = CITIES.valence.center;
const metresFrom = (origin: LatLng, east: number, north: number) => new LocalProjection(origin).toLatLng({ x: east, y: north });

describe('streetPath', () => {
  const cases: [string, LatLng, LatLng][] = [
    ['across the centre', metresFrom(VALENCE, -1300, 420), metresFrom(VALENCE, 900, -1750)],
    ['straight north', metresFrom(VALENCE, 37, -800), metresFrom(VALENCE, 52, 1200)],
    ['next door', metresFrom(VALENCE, 10, 10), metresFrom(VALENCE, 60, 90)],
    ['same spot', VALENCE, VALENCE],
  ];

  it.each(cases)('%s: starts and ends at the doors, every leg along a street direction', (_, from, to) => {
    const path = streetPath(from, to, VALENCE, new Rng(5));
    expect(path[0]).toEqual(from);
    expect(path[path.length - 1]).toEqual(to);
    const projection = new LocalProjection(VALENCE);
    for (let i = 1; i < path.length; i += 1) {
      const [a, b] = [projection.toPlanar(path[i - 1]), projection.toPlanar(path[i])];
      const [dx, dy] = [Math.abs(b.x - a.x), Math.abs(b.y - a.y)];
      expect(Math.min(dx, dy)).toBeLessThan(0.5); // east-west or north-south
    }
  });

  it.each(cases)('%s: about the Manhattan distance, never shorter than the straight line', (_, from, to) => {
    const length = pathLength(streetPath(from, to, VALENCE, new Rng(9)));
    const projection = new LocalProjection(VALENCE);
    const [a, b] = [projection.toPlanar(from), projection.toPlanar(to)];
    const manhattan = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    expect(length).toBeGreaterThanOrEqual(haversineMeters(from, to) - 1);
    expect(length).toBeLessThanOrEqual(manhattan + 4 * 120);
  });

  it('is the same path for the same seed', () => {
    const [from, to] = [metresFrom(VALENCE, -900, 300), metresFrom(VALENCE, 700, -650)];
    expect(streetPath(from, to, VALENCE, new Rng(3))).toEqual(streetPath(from, to, VALENCE, new Rng(3)));
  });
});

describe('pointAlong and Ride', () => {
  const path = [VALENCE, metresFrom(VALENCE, 100, 0), metresFrom(VALENCE, 100, 200)];

  it('interpolates along the legs and clamps to the ends', () => {
    expect(pointAlong(path, -5).position).toEqual(VALENCE);
    expect(haversineMeters(pointAlong(path, 50).position, metresFrom(VALENCE, 50, 0))).toBeLessThan(0.5);
    expect(haversineMeters(pointAlong(path, 200).position, metresFrom(VALENCE, 100, 100))).toBeLessThan(0.5);
    expect(pointAlong(path, 10_000).position).toEqual(path[2]);
    expect(pointAlong(path, 50).heading).toBeCloseTo(90, 0);
    expect(pointAlong(path, 200).heading).toBeCloseTo(0, 0);
  });

  it('rides at its speed and arrives', () => {
    const ride = new Ride(path, 4.5); // ~16 km/h
    expect(ride.length).toBeCloseTo(300, -1);
    ride.advance(20);
    expect(ride.arrived).toBe(false);
    expect(haversineMeters(ride.position, metresFrom(VALENCE, 90, 0))).toBeLessThan(0.5);
    ride.advance(60);
    expect(ride.arrived).toBe(true);
    expect(ride.position).toEqual(path[2]);
  });

  it('headings are compass degrees', () => {
    expect(headingOf(VALENCE, metresFrom(VALENCE, 0, 100))).toBeCloseTo(0, 3);
    expect(headingOf(VALENCE, metresFrom(VALENCE, -100, 0))).toBeCloseTo(270, 3);
  });

  it('GPS noise is a few metres', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i += 1) expect(haversineMeters(withGpsNoise(VALENCE, rng), VALENCE)).toBeLessThan(30);
  });
});

describe('streetPath on many random trips', () => {
  it('always ends at the door, on streets, within the Manhattan distance plus two blocks each end', () => {
    const rng = new Rng(77);
    const projection = new LocalProjection(VALENCE);
    for (let trip = 0; trip < 2000; trip += 1) {
      const from = metresFrom(VALENCE, rng.between(-3000, 3000), rng.between(-3000, 3000));
      const to = metresFrom(VALENCE, rng.between(-3000, 3000), rng.between(-3000, 3000));
      const path = streetPath(from, to, VALENCE, rng);
      expect(path[path.length - 1]).toEqual(to);
      const [a, b] = [projection.toPlanar(from), projection.toPlanar(to)];
      expect(pathLength(path)).toBeLessThanOrEqual(Math.abs(a.x - b.x) + Math.abs(a.y - b.y) + 4 * 120 + 1);
    }
  });
});
