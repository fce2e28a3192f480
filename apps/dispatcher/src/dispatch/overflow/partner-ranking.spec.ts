import type { Assignment, DispatchDecisions } from '@lib/dispatch-policy';
import { partnerScore, rankPartners } from './partner-ranking';

const offer = (orderId: string, courierId: string, score: number, others: { courierId: string; score: number }[] = []): Assignment => ({
  courierId,
  orderIds: [orderId],
  newOrderIds: [orderId],
  pickupGroup: 'merchant',
  expectedPickupAt: 0,
  expectedDropoffAt: [0],
  score,
  reason: 'nearest',
  candidates: [{ courierId, score, terms: {} }, ...others.map((other) => ({ ...other, terms: {} }))],
});
const decisions = (parts: Partial<DispatchDecisions>): DispatchDecisions => ({ assignments: [], deferred: [], needsAttention: [], ...parts });
const trial = (partnershipId: string, parts: Partial<DispatchDecisions>) => ({ partnershipId, carrierCooperativeId: `coop-${partnershipId}`, decisions: decisions(parts) });

describe('partner ranking', () => {
  it("scores a partner by the chosen courier's score, a deferral as Infinity, and no courier as null", () => {
    expect(partnerScore(decisions({ assignments: [offer('o1', 'c1', 7.5, [{ courierId: 'c2', score: 9 }])] }), 'o1')).toBe(7.5);
    expect(partnerScore(decisions({ deferred: [{ orderId: 'o1', reason: 'later' }] }), 'o1')).toBe(Infinity);
    expect(partnerScore(decisions({ needsAttention: [{ orderId: 'o1', cause: 'no-courier', reason: 'none' }] }), 'o1')).toBeNull();
    expect(partnerScore(decisions({ assignments: [offer('o2', 'c1', 1)] }), 'o1')).toBeNull();
  });

  it('puts the partner with the best courier first, deferrals after, and leaves out partners with no courier', () => {
    const ranked = rankPartners('o1', [
      trial('defers', { deferred: [{ orderId: 'o1', reason: 'later' }] }),
      trial('far', { assignments: [offer('o1', 'c-far', 25)] }),
      trial('none', { needsAttention: [{ orderId: 'o1', cause: 'no-courier', reason: 'none' }] }),
      trial('near', { assignments: [offer('o1', 'c-near', 4)] }),
    ]);
    expect(ranked.map((entry) => entry.partnershipId)).toEqual(['near', 'far', 'defers']);
  });

  it('breaks ties by the order given (the oldest partnership first)', () => {
    const ranked = rankPartners('o1', [
      trial('older', { deferred: [{ orderId: 'o1', reason: 'later' }] }),
      trial('newer', { deferred: [{ orderId: 'o1', reason: 'later' }] }),
      trial('same-a', { assignments: [offer('o1', 'a', 3)] }),
      trial('same-b', { assignments: [offer('o1', 'b', 3)] }),
    ]);
    expect(ranked.map((entry) => entry.partnershipId)).toEqual(['same-a', 'same-b', 'older', 'newer']);
  });
});
