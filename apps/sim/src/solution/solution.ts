/** The three files the public MDRP evaluator reads, as records. */
export interface MdrpSolution {
  readonly assignments: readonly SolutionAssignment[];
  readonly orders: readonly SolutionOrder[];
  readonly moves: readonly SolutionMove[];
}

export interface SolutionAssignment {
  readonly assignedAt: number;
  readonly pickupAt: number;
  readonly courierId: string;
  /** In drop-off sequence. */
  readonly orderIds: readonly string[];
}

export interface SolutionOrder {
  readonly orderId: string;
  readonly placedAt: number;
  readonly readyAt: number;
  readonly pickupAt: number;
  readonly dropoffAt: number;
  readonly courierId: string;
}

/** origin '0' = the courier's on-location; otherwise a restaurant or order id. */
export interface SolutionMove {
  readonly courierId: string;
  readonly departedAt: number;
  readonly origin: string;
  readonly destination: string;
}
