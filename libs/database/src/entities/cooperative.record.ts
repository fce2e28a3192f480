import type { MultiPolygon } from 'geojson';
import type { CooperativeSettings } from './cooperative-settings';

/** A row of `cooperatives`, the tenant root. */
export interface CooperativeRecord {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  /** ISO 4217 code (`char(3)`). */
  currency: string;
  /** geography(MultiPolygon, 4326), read as GeoJSON ([lng, lat]). */
  serviceArea: MultiPolygon;
  /** As stored (jsonb): missing keys take the defaults (`withDefaultSettings`). */
  settings: Partial<CooperativeSettings>;
  createdAt: Date;
  updatedAt: Date;
}
