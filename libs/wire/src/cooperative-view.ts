import type { MultiPolygon } from 'geojson';

/** A cooperative's dispatch and pricing choices, defaults filled in. Money in minor units. */
export interface CooperativeSettingsView {
  dispatchMode: 'auto' | 'manual';
  offerTimeoutSeconds: number;
  maxOffersPerOrder: number;
  /** Minutes of delivery time the co-op accepts per order to even out pay (0 = off). */
  fairnessWeight: number;
  fairnessTarget: 'guaranteed-pay' | 'order-earnings';
  guaranteedHourlyPay: number;
  pricing: { baseFee: number; perKm: number; sizeSurcharge: { S: number; M: number; L: number } };
  /** Days of courier position history kept (default 30). */
  positionRetentionDays: number;
}

/** `GET /api/v1/cooperatives/:id` and the other cooperative routes. */
export interface CooperativeView {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  /** GeoJSON, `[lng, lat]` order. */
  serviceArea: MultiPolygon;
  settings: CooperativeSettingsView;
  createdAt: string;
  updatedAt: string;
}
