import type { PartnershipEventRecord, PartnershipRecord, StatementRow } from '@lib/database';
import type { PartnershipStatementView, PartnershipView, StatementOrderView } from '@lib/wire';

export function presentPartnership(partnership: PartnershipRecord, events: PartnershipEventRecord[]): PartnershipView {
  return {
    id: partnership.id,
    status: partnership.status,
    proposerCooperativeId: partnership.proposerCooperativeId,
    partnerCooperativeId: partnership.partnerCooperativeId,
    terms: {
      area: partnership.area as PartnershipView['terms']['area'],
      shareOfPrice: partnership.shareOfPrice,
      maxOrdersPerDay: partnership.maxOrdersPerDay,
    },
    createdAt: partnership.createdAt.toISOString(),
    updatedAt: partnership.updatedAt.toISOString(),
    events: events.map((event) => ({ action: event.action, cooperativeId: event.cooperativeId, by: event.actor, at: event.at.toISOString() })),
  };
}

/**
 * A statement from its rows: integer minor units added as integers, so the totals are the
 * exact sums of the lines, the same for both co-ops (they read the same rows).
 */
export function presentStatement(rows: StatementRow[], currency: string, from: Date, to: Date): PartnershipStatementView {
  const money = (amount: number) => ({ amount, currency });
  const orders = rows.map(
    (row): StatementOrderView => ({
      orderId: row.orderId,
      ownerCooperativeId: row.ownerCooperativeId,
      carrierCooperativeId: row.carrierCooperativeId,
      deliveredAt: row.deliveredAt.toISOString(),
      price: { amount: row.priceAmount, currency: row.currency },
      partnerShare: { amount: row.partnerShareAmount, currency: row.currency },
    }),
  );
  const carriers = new Map<string, { orders: number; price: number; partnerShare: number }>();
  for (const row of rows) {
    const sums = carriers.get(row.carrierCooperativeId) ?? { orders: 0, price: 0, partnerShare: 0 };
    carriers.set(row.carrierCooperativeId, { orders: sums.orders + 1, price: sums.price + row.priceAmount, partnerShare: sums.partnerShare + row.partnerShareAmount });
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    currency,
    orders,
    totals: {
      orders: rows.length,
      price: money(rows.reduce((sum, row) => sum + row.priceAmount, 0)),
      partnerShare: money(rows.reduce((sum, row) => sum + row.partnerShareAmount, 0)),
    },
    byCarrier: [...carriers].map(([carrierCooperativeId, sums]) => ({ carrierCooperativeId, orders: sums.orders, price: money(sums.price), partnerShare: money(sums.partnerShare) })),
  };
}
