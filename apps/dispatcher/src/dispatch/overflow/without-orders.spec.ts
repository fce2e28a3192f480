import type { DispatchDecisions } from '@lib/dispatch-policy';
import { withoutOrders } from './without-orders';

describe('withoutOrders', () => {
  const decisions: DispatchDecisions = {
    assignments: [],
    deferred: [{ orderId: 'waits', reason: 'later' }],
    needsAttention: [
      { orderId: 'handed', cause: 'no-courier', reason: 'none' },
      { orderId: 'kept', cause: 'offer-limit', reason: 'three declines' },
    ],
  };

  it('drops only the flags of orders handed to a partner', () => {
    expect(withoutOrders(decisions, new Set(['handed']))).toEqual({ ...decisions, needsAttention: [{ orderId: 'kept', cause: 'offer-limit', reason: 'three declines' }] });
  });

  it('returns the decisions unchanged when nothing was handed over', () => {
    expect(withoutOrders(decisions, new Set())).toBe(decisions);
  });
});
