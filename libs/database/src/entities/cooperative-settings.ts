import { DEFAULT_COOP_WEIGHTS } from '@lib/dispatch-policy';

/** A cooperative's dispatch and pricing choices. Stored as JSON; missing keys take these defaults. */
export interface CooperativeSettings {
  dispatchMode: 'auto' | 'manual';
  offerTimeoutSeconds: number;
  maxOffersPerOrder: number;
  /**
   * How strongly dispatch evens out pay between couriers on shift: the extra minutes of
   * delivery time the co-op accepts per order to give it to a courier earning less (0 = off).
   */
  fairnessWeight: number;
  /** What the fairness term evens out: order earnings alone (default), or pay with the hourly guarantee. */
  fairnessTarget: 'guaranteed-pay' | 'order-earnings';
  /** Hourly minimum the co-op guarantees its couriers (minor units; 0 = none). */
  guaranteedHourlyPay: number;
  pricing: { baseFee: number; perKm: number; sizeSurcharge: { S: number; M: number; L: number } };
  /** Days of courier position history kept; older points are deleted by the dispatcher's retention job. */
  positionRetentionDays: number;
}

/** The bounds of `positionRetentionDays`: at least a day, at most ten years. */
export const POSITION_RETENTION_DAYS = { min: 1, max: 3650, default: 30 } as const;

export const defaultCooperativeSettings: CooperativeSettings = {
  dispatchMode: 'auto',
  offerTimeoutSeconds: 60,
  maxOffersPerOrder: 5,
  fairnessWeight: DEFAULT_COOP_WEIGHTS.fairness,
  fairnessTarget: DEFAULT_COOP_WEIGHTS.fairnessTarget,
  guaranteedHourlyPay: 0,
  pricing: { baseFee: 450, perKm: 120, sizeSurcharge: { S: 0, M: 150, L: 400 } },
  positionRetentionDays: POSITION_RETENTION_DAYS.default,
};

export function withDefaultSettings(settings: Partial<CooperativeSettings> | undefined): CooperativeSettings {
  const pricing = { ...defaultCooperativeSettings.pricing, ...settings?.pricing };
  return { ...defaultCooperativeSettings, ...settings, pricing };
}
