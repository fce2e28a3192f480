import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSimArgs, SimArgs, USAGE, UsageError } from './cli/parse-args';
import { runInstance } from './run-instance';

/** npm run sim -- --mdrp <instance folder> --out <folder> [--policy <name>] [--decline-rate r --seed n] */
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
  const result = runInstance({
    instanceFolder: args.mdrp,
    outFolder: args.out,
    policyName: args.policy,
    fairnessWeight: args.fairness,
    fairnessTarget: args.fairnessTarget,
    workOutlookFrom: args.workOutlookFrom,
    declineRate: args.declineRate,
    seed: args.seed,
  });
  console.log(JSON.stringify(result, null, 2));
  if (!result.feasibility.feasible) {
    console.error(`infeasible solution: ${result.feasibility.violations.length} violations`);
    return 1;
  }
  return 0;
}

/** A missing day is a usage mistake, said in one line rather than a stack trace. */
function requireInstanceFolders(args: SimArgs): void {
  const folders = [['--mdrp', args.mdrp], ['--work-outlook', args.workOutlookFrom === 'same-day' ? undefined : args.workOutlookFrom]];
  for (const [flag, folder] of folders) {
    if (folder !== undefined && !existsSync(join(folder, 'orders.txt'))) throw new UsageError(`${flag}: no MDRP instance (orders.txt) in ${folder}`);
  }
}

process.exitCode = main();
