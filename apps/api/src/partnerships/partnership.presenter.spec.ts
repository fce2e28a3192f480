import type { StatementRow } from '@lib/database';
import { presentStatement } from './partnership.presenter';

const row = (orderId: string, carrier: string, price: number, share: number): StatementRow => ({
  orderId,
  ownerCooperativeId: carrier === 'b' ? 'a' : 'b',
  carrierCooperativeId: carrier,
  deliveredAt: new Date('2026-12-01T12:00:00Z'),
  priceAmount: price,
  partnerShareAmount: share,
  currency: 'EUR',
});

describe('presentStatement', () => {
  const from = new Date('2026-12-01T00:00:00Z');
  const to = new Date('2026-12-02T00:00:00Z');

  it('adds integer minor units exactly, overall and per carrying co-op', () => {
    const statement = presentStatement([row('o1', 'b', 733, 244), row('o2', 'b', 1001, 333), row('o3', 'a', 650, 217)], 'EUR', from, to);
    expect(statement.totals).toEqual({ orders: 3, price: { amount: 2384, currency: 'EUR' }, partnerShare: { amount: 794, currency: 'EUR' } });
    expect(statement.byCarrier).toEqual([
      { carrierCooperativeId: 'b', orders: 2, price: { amount: 1734, currency: 'EUR' }, partnerShare: { amount: 577, currency: 'EUR' } },
      { carrierCooperativeId: 'a', orders: 1, price: { amount: 650, currency: 'EUR' }, partnerShare: { amount: 217, currency: 'EUR' } },
    ]);
    expect(statement.orders[0]).toEqual({ orderId: 'o1', ownerCooperativeId: 'a', carrierCooperativeId: 'b', deliveredAt: '2026-12-01T12:00:00.000Z', price: { amount: 733, currency: 'EUR' }, partnerShare: { amount: 244, currency: 'EUR' } });
  });

  it('is empty with zero totals for a period without deliveries', () => {
    expect(presentStatement([], 'EUR', from, to)).toEqual({
      from: from.toISOString(),
      to: to.toISOString(),
      currency: 'EUR',
      orders: [],
      totals: { orders: 0, price: { amount: 0, currency: 'EUR' }, partnerShare: { amount: 0, currency: 'EUR' } },
      byCarrier: [],
    });
  });
});
