import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSimArgs, SimArgs, USAGE, UsageError } from './cli/parse-args';
import { RunOptions, runInstance } from './run-instance';
import { runTwoCoops, TwoCoopRunOptions } from './two-coops/run-two-coops';

/** npm run sim -- --mdrp <instance folder> --out <folder> [--policy <name>] [--decline-rate r --seed n] [--coops two ...] (USAGE) */
function main(): number {
  let args;
  try {
    args = parseSimArgs(process.argv.slice(2));
    requireInstanceFolders(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const result = args.coops === 'two' ? runTwoCoops(twoCoopOptions(args)) : runInstance(oneCoopOptions(args));
  // Unbounded terms (no cap, an area open on one side) print as text rather than null.
  console.log(JSON.stringify(result, (_, value) => (value === Infinity || value === -Infinity ? String(value) : value), 2));
  if (!result.feasibility.feasible) {
    console.error(`infeasible solution: ${result.feasibility.violations.length} violations`);
    return 1;
  }
  return 0;
}

function oneCoopOptions(args: SimArgs): RunOptions {
  return {
    instanceFolder: args.mdrp,
    outFolder: args.out,
    policyName: args.policy,
    fairnessWeight: args.fairness,
    fairnessTarget: args.fairnessTarget,
    workOutlookFrom: args.workOutlookFrom,
    declineRate: args.declineRate,
    seed: args.seed,
    ...coopRules(args),
  };
}

function twoCoopOptions(args: SimArgs): TwoCoopRunOptions {
  const { partnership, cap, share, overlap, partnerArea } = args.twoCoops;
  return {
    instanceFolder: args.mdrp,
    outFolder: args.out,
    policyName: args.policy,
    fairnessWeight: args.fairness,
    fairnessTarget: args.fairnessTarget,
    declineRate: args.declineRate,
    seed: args.seed,
    split: { overlapShare: overlap },
    partnership: partnership ? { shareOfPrice: share, maxOrdersPerDay: cap, area: partnerArea } : undefined,
    ...coopRules(args),
  };
}

function coopRules(args: SimArgs): Pick<RunOptions, 'rules' | 'limits'> {
  return {
    rules: args.capacity === undefined ? undefined : { courierCapacity: args.capacity },
    limits: args.maxOffers === undefined ? undefined : { maxOffersPerOrder: args.maxOffers },
  };
}

/** A missing day is a usage mistake, said in one line rather than a stack trace. */
function requireInstanceFolders(args: SimArgs): void {
  const folders = [['--mdrp', args.mdrp], ['--work-outlook', args.workOutlookFrom === 'same-day' ? undefined : args.workOutlookFrom]];
  for (const [flag, folder] of folders) {
    if (folder !== undefined && !existsSync(join(folder, 'orders.txt'))) throw new UsageError(`${flag}: no MDRP instance (orders.txt) in ${folder}`);
  }
}

process.exitCode = main();
