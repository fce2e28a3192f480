import { parseSimArgs, UsageError } from './parse-args';

describe('parseSimArgs', () => {
  it('reads the documented options with their defaults', () => {
    expect(parseSimArgs(['--mdrp', 'day', '--out', 'o'])).toMatchObject({ mdrp: 'day', out: 'o', policy: 'rolling-horizon', declineRate: 0, seed: 0 });
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o', '--policy', 'greedy', '--decline-rate', '0.1', '--seed', '4'])).toMatchObject({ policy: 'greedy', declineRate: 0.1, seed: 4 });
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o', '--fairness-target', 'guaranteed-pay'])).toMatchObject({ fairnessTarget: 'guaranteed-pay' });
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o']).workOutlookFrom).toBeUndefined();
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o', '--work-outlook', 'same-day'])).toMatchObject({ workOutlookFrom: 'same-day' });
  });

  it('reads the two-co-op options, defaulting to a partnership over the overlap without a cap', () => {
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o'])).toMatchObject({ coops: 'one', capacity: undefined, maxOffers: undefined });
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o', '--coops', 'two']).twoCoops).toEqual({ partnership: true, cap: Infinity, share: 0.8, overlap: 0.4, partnerArea: 'overlap' });
    const args = parseSimArgs(['--mdrp', 'd', '--out', 'o', '--coops', 'two', '--partnership', 'off', '--cap', '20', '--share', '0.7', '--capacity', '2', '--max-offers', '5']);
    expect(args).toMatchObject({ coops: 'two', capacity: 2, maxOffers: 5, twoCoops: { partnership: false, cap: 20, share: 0.7 } });
  });

  it('refuses two-co-op options without --coops two, and values out of range', () => {
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--partnership', 'on'])).toThrow(/needs --coops two/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--coops', 'three'])).toThrow(/one or two/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--coops', 'two', '--share', '1.5'])).toThrow(/0..1/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--coops', 'two', '--partnership', 'maybe'])).toThrow(/on or off/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--capacity', '0'])).toThrow(/1 or more/);
  });

  it('refuses missing folders, unknown options and rates outside 0..1', () => {
    expect(() => parseSimArgs(['--mdrp', 'd'])).toThrow(UsageError);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--speed', '3'])).toThrow(/unknown option --speed/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--decline-rate', '2'])).toThrow(/0..1/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--fairness-target', 'gini'])).toThrow(/order-earnings/);
  });
});
