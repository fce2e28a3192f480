/** What the policy returns: an outcome for every waiting order of the snapshot, each order
 *  in exactly one list (an assignment's `newOrderIds`, `deferred` or `needsAttention`).
 *  Adapters only act on it: production makes the offers, flags orders for a person and
 *  writes the dispatch log a co-op member reads to see why a job went to whom; the
 *  simulator plays the same outcomes on its world. */
export interface DispatchDecisions {
  /** Offers to make now, one per courier. */
  readonly assignments: readonly Assignment[];
  /** Orders left waiting this round, each with why. */
  readonly deferred: readonly Deferral[];
  /** Orders dispatch cannot serve by itself: a person should look at them. */
  readonly needsAttention: readonly NeedsAttention[];
}

export interface Assignment {
  readonly courierId: string;
  /** The courier's whole job after this decision, in drop-off sequence
   *  (includes orders it already held when the decision extends a job). */
  readonly orderIds: readonly string[];
  /** Orders this decision offers to the courier (the rest were already held). */
  readonly newOrderIds: readonly string[];
  readonly pickupGroup: string;
  /** Planned instants, for the courier app and the log. */
  readonly expectedPickupAt: number;
  readonly expectedDropoffAt: readonly number[];
  /** Lower is better; comparable between candidates of one decision. */
  readonly score: number;
  readonly reason: string;
  /** Every courier considered for these orders, best first. */
  readonly candidates: readonly Candidate[];
}

export interface Candidate {
  readonly courierId: string;
  readonly score: number;
  /** Named parts of the score (minutes), so the log can show what mattered. */
  readonly terms: Readonly<Record<string, number>>;
}

export interface Deferral {
  readonly orderId: string;
  readonly reason: string;
  /** Courier the order is tentatively planned for, when there is one. */
  readonly plannedCourierId?: string;
}

/** Why an order waits for a person: it reached the co-op's offer limit, or no courier
 *  that can take work now could take it (every one turned it down, or there is none). */
export type AttentionCause = 'offer-limit' | 'no-courier';

export interface NeedsAttention {
  readonly orderId: string;
  readonly cause: AttentionCause;
  /** The sentence for the dispatch log. */
  readonly reason: string;
}
