import fc from 'fast-check';
import { report } from './report';

/** One seed for every property of the suite, so a failure replays exactly. */
export const FUZZ_SEED = 18_2026;

export interface FuzzTally {
  cases: number;
  serverErrors: number;
  failures: string[];
}

/** Thrown by a case's checks; the message says what was wrong. */
export function must(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * Runs `numRuns` generated cases through `check` with the suite's seed and keeps going after
 * a failure, so the figures count every case (a property stopping at its first failure would
 * hide the others). `check` records 5xx answers in the tally and throws for anything wrong.
 * Prints the figures; the caller asserts `failures` is empty.
 */
export async function fuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  check: (value: T, tally: FuzzTally) => Promise<void>,
  describe: (value: T) => string,
): Promise<FuzzTally> {
  const tally: FuzzTally = { cases: 0, serverErrors: 0, failures: [] };
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      tally.cases += 1;
      try {
        await check(value, tally);
      } catch (error) {
        tally.failures.push(`${(error as Error).message} <- ${describe(value).slice(0, 300)}`);
      }
    }),
    { seed: FUZZ_SEED, numRuns },
  );
  report(name, { seed: FUZZ_SEED, 'cases run': tally.cases, '5xx answers': tally.serverErrors, 'cases failing a property': tally.failures.length, seconds: ((Date.now() - started) / 1000).toFixed(1) }, tally.failures);
  return tally;
}
