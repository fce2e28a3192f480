import { retentionCutoff } from './retention-cutoff';

const now = new Date('2026-11-30T12:00:00Z');

describe('retentionCutoff', () => {
  it('keeps whole days before now', () => {
    expect(retentionCutoff(now, 30).toISOString()).toBe('2026-10-31T12:00:00.000Z');
    expect(retentionCutoff(now, 1).toISOString()).toBe('2026-11-29T12:00:00.000Z');
  });

  it('brings a setting outside the bounds back within them', () => {
    expect(retentionCutoff(now, 0).toISOString()).toBe('2026-11-29T12:00:00.000Z');
    expect(retentionCutoff(now, 99_999).getTime()).toBe(now.getTime() - 3650 * 86_400_000);
    expect(retentionCutoff(now, Number.NaN).toISOString()).toBe('2026-10-31T12:00:00.000Z');
  });
});
