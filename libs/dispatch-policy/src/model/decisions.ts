/** What the policy returns. Production stores every assignment and deferral as
 *  the dispatch log a co-op member reads to see why a job went to whom. */
export interface DispatchDecisions {
  readonly assignments: readonly Assignment[];
  readonly deferred: readonly Deferral[];
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
