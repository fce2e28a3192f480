import { CoopWeights } from './snapshot';

/** What a new co-op starts with; tuned on the seed-0 MDRP days (bench/). */
export const DEFAULT_COOP_WEIGHTS: CoopWeights = { fairness: 20, fairnessTarget: 'order-earnings' };
