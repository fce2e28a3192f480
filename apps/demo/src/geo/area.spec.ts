import { haversineMeters } from '@lib/geo';
import type { Polygon } from 'geojson';
import { CITIES } from '../cities';
import { Rng } from '../rng';
import { boundsOf, isInsideArea, samplePointInArea } from './area';

const square: Polygon = { type: 'Polygon', coordinates: [[[4, 44], [5, 44], [5, 45], [4, 45], [4, 44]]] };
const withHole: Polygon = { type: 'Polygon', coordinates: [...square.coordinates, [[4.4, 44.4], [4.6, 44.4], [4.6, 44.6], [4.4, 44.6], [4.4, 44.4]]] };

describe('service areas', () => {
  it('tells inside from outside, holes included', () => {
    expect(isInsideArea({ lat: 44.2, lng: 4.2 }, square)).toBe(true);
    expect(isInsideArea({ lat: 45.2, lng: 4.2 }, square)).toBe(false);
    expect(isInsideArea({ lat: 44.5, lng: 4.5 }, withHole)).toBe(false);
    expect(isInsideArea({ lat: 44.2, lng: 4.2 }, withHole)).toBe(true);
  });

  it.each(Object.values(CITIES))('samples points inside the $name area, near the asked centre', (city) => {
    const rng = new Rng(11);
    for (let i = 0; i < 300; i += 1) {
      const point = samplePointInArea(city.serviceArea, rng, { center: city.center, maxMeters: 2500 });
      expect(isInsideArea(point, city.serviceArea)).toBe(true);
      expect(haversineMeters(point, city.center)).toBeLessThanOrEqual(2500);
    }
  });

  it.each(Object.values(CITIES))('$name: a closed area a few km across around the centre, every restaurant inside', (city) => {
    const ring = city.serviceArea.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const { south, west, north, east } = boundsOf(city.serviceArea);
    const width = haversineMeters({ lat: south, lng: west }, { lat: south, lng: east });
    const height = haversineMeters({ lat: south, lng: west }, { lat: north, lng: west });
    expect(width).toBeGreaterThan(2000);
    expect(width).toBeLessThan(10000);
    expect(height).toBeGreaterThan(2000);
    expect(height).toBeLessThan(10000);
    expect(isInsideArea(city.center, city.serviceArea)).toBe(true);
    expect(city.restaurants.length).toBeGreaterThanOrEqual(8);
    for (const restaurant of city.restaurants) expect(isInsideArea(restaurant.location, city.serviceArea)).toBe(true);
  });
});
