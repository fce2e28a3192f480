import { parsePositionFix } from './parse-position-fix';

const now = new Date('2026-11-22T12:00:00Z');
const valid = { lat: 44.93, lng: 4.89, at: '2026-11-22T11:59:58Z' };

function problemsOf(input: unknown): string[] {
  const result = parsePositionFix(input, now);
  return result.ok ? [] : result.problems.map((problem) => problem.field);
}

describe('parsePositionFix', () => {
  it('accepts a minimal fix and keeps the phone time', () => {
    const result = parsePositionFix(valid, now);
    expect(result).toEqual({ ok: true, fix: { lat: 44.93, lng: 4.89, at: new Date('2026-11-22T11:59:58Z'), accuracy: null, heading: null, speed: null } });
  });

  it('accepts the optional fields, null for unknown ones, and epoch milliseconds', () => {
    const result = parsePositionFix({ ...valid, accuracy: 12.5, heading: null, speed: 4.2, at: now.getTime() - 1000 }, now);
    expect(result.ok && result.fix).toMatchObject({ accuracy: 12.5, heading: null, speed: 4.2, at: new Date(now.getTime() - 1000) });
  });

  it('keeps accuracy, heading and speed too small for single precision as 0, as the history stores them', () => {
    const result = parsePositionFix({ ...valid, accuracy: 1e-300, heading: 5e-324, speed: 1e-40 }, now);
    expect(result.ok && result.fix).toMatchObject({ accuracy: 0, heading: 0, speed: 1e-40 });
  });

  it.each([
    ['lat above 90', { ...valid, lat: 90.0001 }, 'lat'],
    ['lng below -180', { ...valid, lng: -180.5 }, 'lng'],
    ['NaN', { ...valid, lat: Number.NaN }, 'lat'],
    ['Infinity', { ...valid, lng: Number.POSITIVE_INFINITY }, 'lng'],
    ['a numeric string', { ...valid, lat: '44.9' }, 'lat'],
    ['a missing lng', { lat: 44.9, at: valid.at }, 'lng'],
    ['a negative accuracy', { ...valid, accuracy: -1 }, 'accuracy'],
    ['a heading of 400', { ...valid, heading: 400 }, 'heading'],
    ['a time far in the future', { ...valid, at: '2026-11-22T12:05:00Z' }, 'at'],
    ['a time without a zone', { ...valid, at: '2026-11-22T11:59:58' }, 'at'],
    ['a time that is not one', { ...valid, at: 'yesterday' }, 'at'],
    ['a fractional epoch', { ...valid, at: 1.5 }, 'at'],
    ['a point older than a week', { ...valid, at: '2026-11-01T00:00:00Z' }, 'at'],
    ['an unknown field', { ...valid, altitude: 120 }, 'altitude'],
  ])('refuses %s', (_name, input, field) => {
    expect(problemsOf(input)).toEqual([field]);
  });

  it('refuses what is not an object', () => {
    expect(problemsOf([44.9, 4.8])).toEqual(['']);
    expect(problemsOf(null)).toEqual(['']);
    expect(problemsOf('44.9,4.8')).toEqual(['']);
  });

  it('allows a phone clock slightly ahead', () => {
    expect(parsePositionFix({ ...valid, at: '2026-11-22T12:00:30Z' }, now).ok).toBe(true);
  });
});
