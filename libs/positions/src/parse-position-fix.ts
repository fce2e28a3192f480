import type { PositionFix } from './position-fix';
import { MAX_ACCURACY_METERS, MAX_CLOCK_AHEAD_MS, MAX_POINT_AGE_MS, MAX_SPEED_METERS_PER_SECOND } from './position-rules';

export interface PositionProblem {
  field: string;
  message: string;
}

export type ParsedPositionFix = { ok: true; fix: PositionFix } | { ok: false; problems: PositionProblem[] };

const allowedFields = new Set(['lat', 'lng', 'accuracy', 'heading', 'speed', 'at']);
/** ISO-8601 date-time with an explicit zone: a bare local time would be read in the server's zone. */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The one set of rules for a courier's position, used by the socket and the batch endpoint
 * alike (Nest pipes do not run on gateways). Pure: the clock comes in as `now`.
 */
export function parsePositionFix(input: unknown, now: Date): ParsedPositionFix {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ field: '', message: 'must be an object { lat, lng, at, accuracy?, heading?, speed? }' }] };
  }
  const value = input as Record<string, unknown>;
  const problems: PositionProblem[] = Object.keys(value)
    .filter((field) => !allowedFields.has(field))
    .map((field) => ({ field, message: `${field} is not a known field` }));

  const lat = numberIn(value, 'lat', -90, 90, problems, true);
  const lng = numberIn(value, 'lng', -180, 180, problems, true);
  const accuracy = storedInSinglePrecision(numberIn(value, 'accuracy', 0, MAX_ACCURACY_METERS, problems, false));
  const heading = storedInSinglePrecision(numberIn(value, 'heading', 0, 360, problems, false));
  const speed = storedInSinglePrecision(numberIn(value, 'speed', 0, MAX_SPEED_METERS_PER_SECOND, problems, false));
  const at = timestamp(value.at, now, problems);

  if (problems.length || lat === null || lng === null || at === null) return { ok: false, problems };
  return { ok: true, fix: { lat, lng, at, accuracy, heading, speed } };
}

function numberIn(value: Record<string, unknown>, field: string, min: number, max: number, problems: PositionProblem[], required: boolean): number | null {
  const given = value[field];
  if (given === undefined || given === null) {
    if (required) problems.push({ field, message: `${field} is required` });
    return null;
  }
  if (typeof given !== 'number' || !Number.isFinite(given) || given < min || given > max) {
    problems.push({ field, message: `${field} must be a finite number from ${min} to ${max}` });
    return null;
  }
  return given;
}

/**
 * Accuracy, heading and speed are kept in single precision (`real`) in the history. A value
 * too small for it (below about 1e-45, e.g. 1e-300) is 0 there, but PostgreSQL refuses to
 * round it and fails the whole insert, so it is made 0 here.
 */
function storedInSinglePrecision(given: number | null): number | null {
  return given !== null && Math.fround(given) === 0 ? 0 : given;
}

function timestamp(given: unknown, now: Date, problems: PositionProblem[]): Date | null {
  let at: Date | null = null;
  if (typeof given === 'string' && isoDateTime.test(given)) at = new Date(given);
  else if (typeof given === 'number' && Number.isInteger(given)) at = new Date(given);
  if (!at || Number.isNaN(at.getTime())) {
    problems.push({ field: 'at', message: 'at must be an ISO-8601 time with a zone or epoch milliseconds' });
    return null;
  }
  if (at.getTime() > now.getTime() + MAX_CLOCK_AHEAD_MS) {
    problems.push({ field: 'at', message: 'at is in the future' });
    return null;
  }
  if (at.getTime() < now.getTime() - MAX_POINT_AGE_MS) {
    problems.push({ field: 'at', message: 'at is too old to be stored' });
    return null;
  }
  return at;
}
