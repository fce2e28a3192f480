import type { Point } from 'geojson';

/** A row of `merchants`: a restaurant or shop that places orders. */
export interface MerchantRecord {
  id: string;
  cooperativeId: string;
  name: string;
  address: string;
  /** geography(Point, 4326), read as GeoJSON ([lng, lat]). */
  location: Point;
  phone: string | null;
  createdAt: Date;
  updatedAt: Date;
}
