/** Clocks of phones drift; a point further ahead than this is refused as "in the future". */
export const MAX_CLOCK_AHEAD_MS = 60_000;
/** Points older than this are not worth storing (an app that sat offline for a week). */
export const MAX_POINT_AGE_MS = 7 * 24 * 3600_000;
export const MAX_ACCURACY_METERS = 100_000;
/** Far above any bike; refuses only garbage. */
export const MAX_SPEED_METERS_PER_SECOND = 200;
/** Points in one offline batch (`POST /api/v1/couriers/me/locations`). */
export const MAX_POINTS_PER_BATCH = 500;
