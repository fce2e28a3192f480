import { defaultCooperativeSettings } from '@lib/database';
import { priceOf } from './pricing';

describe('priceOf', () => {
  const pricing = { baseFee: 400, perKm: 100, sizeSurcharge: { S: 0, M: 150, L: 400 } };

  it('adds the base fee, the distance and the size surcharge in minor units', () => {
    expect(priceOf(pricing, 2000, 'S')).toBe(600);
    expect(priceOf(pricing, 2000, 'L')).toBe(1000);
  });

  it('charges each started 100 m, never a fraction of a cent', () => {
    expect(priceOf(pricing, 2001, 'S')).toBe(610);
    expect(Number.isInteger(priceOf(defaultCooperativeSettings.pricing, 1234, 'M'))).toBe(true);
  });
});
