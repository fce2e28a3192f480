import { DispatchDecisions, DispatchSnapshot } from '@lib/dispatch-policy';

/** The policy must give every waiting order of the snapshot exactly one outcome (offered,
 *  deferred or needs attention) and nothing else: production acts on that list alone, so a
 *  replay stops on the first decision that breaks it. */
export function checkEveryOrderDecided(snapshot: DispatchSnapshot, decisions: DispatchDecisions): void {
  const decided = [
    ...decisions.assignments.flatMap((assignment) => assignment.newOrderIds),
    ...decisions.deferred.map((deferral) => deferral.orderId),
    ...decisions.needsAttention.map((flag) => flag.orderId),
  ];
  const waiting = new Set(snapshot.orders.map((order) => order.id));
  const seen = new Set<string>();
  for (const orderId of decided) {
    if (!waiting.has(orderId)) throw new Error(`at ${snapshot.now} the policy decided on ${orderId}, which is not waiting`);
    if (seen.has(orderId)) throw new Error(`at ${snapshot.now} the policy gave ${orderId} more than one outcome`);
    seen.add(orderId);
  }
  if (seen.size !== waiting.size) {
    const missing = [...waiting].filter((orderId) => !seen.has(orderId));
    throw new Error(`at ${snapshot.now} the policy gave no outcome for ${missing.join(', ')}`);
  }
}
