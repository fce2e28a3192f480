import { parseReportPeriod } from './report-period';

const paris = 'Europe/Paris';
const now = new Date('2026-11-24T15:30:00Z');
const period = (query: { from?: string; to?: string }, timezone = paris) => {
  const result = parseReportPeriod(query, timezone, now);
  return result.ok ? { from: result.period.from.toISOString(), to: result.period.to.toISOString() } : result.errors.map((error) => error.field);
};

describe('parseReportPeriod', () => {
  it('defaults to today in the co-op zone', () => {
    expect(period({})).toEqual({ from: '2026-11-23T23:00:00.000Z', to: '2026-11-24T23:00:00.000Z' });
    expect(period({}, 'America/New_York')).toEqual({ from: '2026-11-24T05:00:00.000Z', to: '2026-11-25T05:00:00.000Z' });
  });

  it('reads dates as whole local days, the last one included', () => {
    expect(period({ from: '2026-11-23', to: '2026-11-29' })).toEqual({ from: '2026-11-22T23:00:00.000Z', to: '2026-11-29T23:00:00.000Z' });
    expect(period({ from: '2026-11-20' })).toEqual({ from: '2026-11-19T23:00:00.000Z', to: '2026-11-20T23:00:00.000Z' });
  });

  it('keeps local midnight across a clock change (a 23-hour day)', () => {
    expect(period({ from: '2026-03-29' })).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });

  it('takes instants with a zone as they are, the end excluded', () => {
    expect(period({ from: '2026-11-24T08:00:00Z', to: '2026-11-24T12:00:00+01:00' })).toEqual({ from: '2026-11-24T08:00:00.000Z', to: '2026-11-24T11:00:00.000Z' });
  });

  it.each([
    [{ from: 'yesterday' }, ['from']],
    [{ from: '2026-02-30' }, ['from']],
    [{ from: '2026-11-24T08:00:00' }, ['from']],
    [{ from: '2026-11-24', to: 'soon' }, ['to']],
    [{ from: '2026-11-24', to: '2026-11-23' }, ['to']],
    [{ from: '2026-11-24T10:00:00Z', to: '2026-11-24T10:00:00Z' }, ['to']],
    [{ from: '2025-01-01', to: '2026-01-02' }, ['to']],
  ])('refuses %j', (query, fields) => {
    expect(period(query)).toEqual(fields);
  });

  it('allows a whole leap year', () => {
    expect(period({ from: '2028-01-01', to: '2028-12-31' })).toEqual({ from: '2027-12-31T23:00:00.000Z', to: '2028-12-31T23:00:00.000Z' });
  });
});
