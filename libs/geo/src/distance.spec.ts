import { haversineMeters } from './distance';
import { LocalProjection } from './projection';

describe('distances', () => {
  it('measures Valence station to Lyon Part-Dieu at about 93 km', () => {
    const meters = haversineMeters({ lat: 44.9281, lng: 4.8936 }, { lat: 45.7606, lng: 4.8594 });
    expect(meters).toBeGreaterThan(92_000);
    expect(meters).toBeLessThan(94_000);
  });

  it('projects to planar metres consistent with haversine within a city', () => {
    const projection = new LocalProjection({ lat: 45.76, lng: 4.85 });
    const a = { lat: 45.75, lng: 4.83 };
    const b = { lat: 45.77, lng: 4.87 };
    const pa = projection.toPlanar(a);
    const pb = projection.toPlanar(b);
    const planar = Math.hypot(pa.x - pb.x, pa.y - pb.y);
    expect(Math.abs(planar - haversineMeters(a, b)) / planar).toBeLessThan(0.01);
    const back = projection.toLatLng(pa);
    expect(back.lat).toBeCloseTo(a.lat, 9);
    expect(back.lng).toBeCloseTo(a.lng, 9);
  });
});
