/** A cooperative's dispatch and pricing choices. Stored as JSON; missing keys take these defaults. */
export interface CooperativeSettings {
  dispatchMode: 'auto' | 'manual';
  offerTimeoutSeconds: number;
  maxOffersPerOrder: number;
  /** How strongly dispatch evens out work between couriers on shift (0 = distance only). */
  fairnessWeight: number;
  pricing: { baseFee: number; perKm: number; sizeSurcharge: { S: number; M: number; L: number } };
}

export const defaultCooperativeSettings: CooperativeSettings = {
  dispatchMode: 'auto',
  offerTimeoutSeconds: 60,
  maxOffersPerOrder: 5,
  fairnessWeight: 0.5,
  pricing: { baseFee: 450, perKm: 120, sizeSurcharge: { S: 0, M: 150, L: 400 } },
};

export function withDefaultSettings(settings: Partial<CooperativeSettings> | undefined): CooperativeSettings {
  const pricing = { ...defaultCooperativeSettings.pricing, ...settings?.pricing };
  return { ...defaultCooperativeSettings, ...settings, pricing };
}
