import { createPolicy, POLICY_NAMES } from './policy-registry';

describe('createPolicy', () => {
  it('builds every named policy', () => {
    for (const name of POLICY_NAMES) expect(createPolicy(name).name).toBe(name);
  });

  it('rejects an unknown name with the list of known ones', () => {
    expect(() => createPolicy('nearest')).toThrow(/greedy, rolling-horizon/);
  });
});
