/**
 * The gateway's fixed limits. Candidates for configuration if operators need to tune them;
 * constants until then (config comes only through AppConfig).
 */

/** Largest socket.io frame accepted; a location message is about 150 bytes. Larger frames close the connection. */
export const MAX_FRAME_BYTES = 16 * 1024;

/** Location messages per socket: a steady rate with some burst for a phone catching up after a tunnel. */
export const LOCATION_RATE_PER_SECOND = 5;
export const LOCATION_BURST = 20;

/** How long a courier's on-shift flag is trusted before asking PostgreSQL again (shift notices also refresh it). */
export const SHIFT_CACHE_MS = 15_000;

/** Dispatchers receive positions once per tick, the latest per courier. */
export const POSITION_TICK_MS = 1000;

/** Couriers in a new dispatcher's snapshot, and the courier shown on a tracking page, are at most this stale. */
export const FRESH_POSITION_SECONDS = 600;
