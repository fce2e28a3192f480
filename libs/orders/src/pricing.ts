import type { CooperativeSettings, ParcelSize } from '@lib/database';

/** A delivery's price in minor units: base fee, per started 100 m of bike distance, size surcharge. */
export function priceOf(pricing: CooperativeSettings['pricing'], distanceMeters: number, size: ParcelSize): number {
  const distanceFee = Math.round((pricing.perKm * Math.ceil(distanceMeters / 100)) / 10);
  return pricing.baseFee + distanceFee + pricing.sizeSurcharge[size];
}
