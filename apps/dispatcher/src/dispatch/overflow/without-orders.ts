import type { DispatchDecisions } from '@lib/dispatch-policy';

/** The decisions less the needs-attention outcomes of orders handed to a partner (nobody should be flagged for them). */
export function withoutOrders(decisions: DispatchDecisions, handedOver: ReadonlySet<string>): DispatchDecisions {
  if (!handedOver.size) return decisions;
  return { ...decisions, needsAttention: decisions.needsAttention.filter((flag) => !handedOver.has(flag.orderId)) };
}
