export type Vehicle = 'bike' | 'cargo_bike' | 'ebike';

/** A courier profile (`/api/v1/couriers`, `/couriers/me`, the answer to `PUT /couriers/me/shift`). */
export interface CourierView {
  id: string;
  cooperativeId: string;
  userId: string;
  /** The courier's user name, where the API knows it (lists, `me`, creation); absent otherwise. */
  name?: string;
  vehicle: Vehicle;
  capacity: number;
  onShift: boolean;
  shiftStartedAt: string | null;
  /** When the courier plans to stop; null for an open-ended shift (or off shift). */
  shiftEndsAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a courier is doing, as the dispatch board and `courier.status` say it. */
export type CourierActivity = 'offline' | 'available' | 'busy';
