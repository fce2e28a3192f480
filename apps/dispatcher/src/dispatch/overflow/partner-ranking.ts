import type { DispatchDecisions } from '@lib/dispatch-policy';

/** A partner that could carry an order, with its own policy's answer for that order alone. */
export interface PartnerTrial {
  partnershipId: string;
  carrierCooperativeId: string;
  decisions: DispatchDecisions;
}

/**
 * How well a partner could serve one order, from its policy's decision over a snapshot of
 * its couriers with only that order waiting: the score of the courier it would offer it to
 * now (lower is better; minutes of delay, courier time and fairness, as in the dispatch log),
 * `Infinity` when it would only plan it for later, `null` when no courier of it could take it.
 */
export function partnerScore(decisions: DispatchDecisions, orderId: string): number | null {
  const assignment = decisions.assignments.find((candidate) => candidate.newOrderIds.includes(orderId));
  if (assignment) return assignment.candidates.find((candidate) => candidate.courierId === assignment.courierId)?.score ?? assignment.score;
  if (decisions.deferred.some((deferral) => deferral.orderId === orderId)) return Infinity;
  return null;
}

/**
 * The partners that could take the order, best first: the one whose best courier the same
 * policy scores lowest wins; partners that would only defer it come after (in the order
 * given: oldest partnership first); partners with no courier for it are left out.
 */
export function rankPartners(orderId: string, trials: readonly PartnerTrial[]): PartnerTrial[] {
  return trials
    .map((trial, index) => ({ trial, index, score: partnerScore(trial.decisions, orderId) }))
    .filter((entry): entry is { trial: PartnerTrial; index: number; score: number } => entry.score !== null)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.trial);
}
