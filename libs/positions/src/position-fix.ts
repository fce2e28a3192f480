/** One position of a courier as the phone measured it. */
export interface PositionFix {
  lat: number;
  lng: number;
  /** When the phone measured it (kept as sent, also for points buffered offline). */
  at: Date;
  /** Metres, radius of 68 % confidence. */
  accuracy: number | null;
  /** Degrees clockwise from true north. */
  heading: number | null;
  /** Metres per second. */
  speed: number | null;
}

/** A courier's latest known position, from the live store. */
export interface LivePosition extends PositionFix {
  courierId: string;
}

export interface NearbyCourier extends LivePosition {
  /** Straight-line distance from the query point. */
  distanceMeters: number;
}
