import { CoopWeights, FairnessTarget } from './snapshot';

/** What a new co-op starts with; tuned on the seed-0 MDRP days (bench/). */
export const DEFAULT_COOP_WEIGHTS: CoopWeights & { readonly fairnessTarget: FairnessTarget } = { fairness: 20, fairnessTarget: 'order-earnings' };
