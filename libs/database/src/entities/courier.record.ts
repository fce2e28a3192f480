export const vehicles = ['bike', 'cargo_bike', 'ebike'] as const;
export type Vehicle = (typeof vehicles)[number];

/** A row of `couriers`: a member's courier profile and shift. */
export interface CourierRecord {
  id: string;
  cooperativeId: string;
  userId: string;
  vehicle: Vehicle;
  /** Orders carried at once. */
  capacity: number;
  onShift: boolean;
  shiftStartedAt: Date | null;
  /** When the courier plans to stop taking jobs (no pickups after it); null: until it ends the shift. */
  shiftEndsAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
