import { GreedyPolicy } from './greedy/greedy-policy';
import { DispatchPolicy } from './model/policy';
import { DEFAULT_ROLLING_HORIZON_CONFIG, RollingHorizonConfig } from './rolling-horizon/config';
import { RollingHorizonPolicy } from './rolling-horizon/rolling-horizon-policy';

export const POLICY_NAMES = ['greedy', 'rolling-horizon'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface PolicyOptions {
  readonly rollingHorizon?: Partial<RollingHorizonConfig>;
}

/** Adapters pick the policy by the name stored in config or given on the CLI. */
export function createPolicy(name: string, options: PolicyOptions = {}): DispatchPolicy {
  switch (name) {
    case 'greedy':
      return new GreedyPolicy();
    case 'rolling-horizon':
      return new RollingHorizonPolicy({ ...DEFAULT_ROLLING_HORIZON_CONFIG, ...options.rollingHorizon });
    default:
      throw new RangeError(`unknown dispatch policy "${name}" (known: ${POLICY_NAMES.join(', ')})`);
  }
}
