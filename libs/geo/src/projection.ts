import type { LatLng } from './lat-lng';

/** Planar metres east (x) and north (y) of a local origin. */
export interface PlanarPoint {
  x: number;
  y: number;
}

const METERS_PER_DEGREE_LAT = 111_320;

/**
 * An equirectangular projection around a city's centre: within a delivery area (tens of
 * kilometres) its error is well under 1 %, and it lets the dispatch policy work in planar
 * metres in production exactly as it does on the replayed MDRP days.
 */
export class LocalProjection {
  private readonly metersPerDegreeLng: number;

  constructor(private readonly origin: LatLng) {
    this.metersPerDegreeLng = METERS_PER_DEGREE_LAT * Math.cos((origin.lat * Math.PI) / 180);
  }

  toPlanar(position: LatLng): PlanarPoint {
    return {
      x: (position.lng - this.origin.lng) * this.metersPerDegreeLng,
      y: (position.lat - this.origin.lat) * METERS_PER_DEGREE_LAT,
    };
  }

  toLatLng(point: PlanarPoint): LatLng {
    return { lat: this.origin.lat + point.y / METERS_PER_DEGREE_LAT, lng: this.origin.lng + point.x / this.metersPerDegreeLng };
  }
}
