/** A point in WGS84. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** An amount in integer minor units (cents) and its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** One page of a cursor-paginated list: pass `nextCursor` as `?cursor=` for the next (null: no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
