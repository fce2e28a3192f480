import { parseSimArgs, UsageError } from './parse-args';

describe('parseSimArgs', () => {
  it('reads the documented options with their defaults', () => {
    expect(parseSimArgs(['--mdrp', 'day', '--out', 'o'])).toMatchObject({ mdrp: 'day', out: 'o', policy: 'rolling-horizon', declineRate: 0, seed: 0 });
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o', '--policy', 'greedy', '--decline-rate', '0.1', '--seed', '4'])).toMatchObject({ policy: 'greedy', declineRate: 0.1, seed: 4 });
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o', '--fairness-target', 'guaranteed-pay'])).toMatchObject({ fairnessTarget: 'guaranteed-pay' });
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o']).workOutlookFrom).toBeUndefined();
    expect(parseSimArgs(['--mdrp', 'd', '--out', 'o', '--work-outlook', 'same-day'])).toMatchObject({ workOutlookFrom: 'same-day' });
  });

  it('refuses missing folders, unknown options and rates outside 0..1', () => {
    expect(() => parseSimArgs(['--mdrp', 'd'])).toThrow(UsageError);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--speed', '3'])).toThrow(/unknown option --speed/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--decline-rate', '2'])).toThrow(/0..1/);
    expect(() => parseSimArgs(['--mdrp', 'd', '--out', 'o', '--fairness-target', 'gini'])).toThrow(/order-earnings/);
  });
});
