/** What a closed-loop load run measured: every client sends its next request when the last one answered. */
export interface LoadFigures {
  readonly clients: number;
  readonly seconds: number;
  readonly operations: number;
  readonly perSecond: number;
  readonly errors: number;
  readonly latencyMs: Percentiles;
  /** The first error seen, to tell what failed. */
  readonly firstError?: string;
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of `samples` (milliseconds), rounded to 0.01 ms. */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : NaN);
  return { p50: round2(at(0.5)), p90: round2(at(0.9)), p99: round2(at(0.99)), max: round2(sorted[sorted.length - 1] ?? NaN) };
}

export const round2 = (value: number) => Math.round(value * 100) / 100;

/** Milliseconds since `started` (a `process.hrtime.bigint()`). */
export const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/**
 * Runs `operation` from `clients` concurrent loops for `seconds`. An operation that throws or
 * resolves `false` counts as an error (its latency is kept too). Operations still running at
 * the end are awaited and counted.
 */
export async function closedLoop(clients: number, seconds: number, operation: (client: number) => Promise<boolean>): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  const loop = async (client: number) => {
    while (Date.now() < deadline) {
      const sent = process.hrtime.bigint();
      let ok = false;
      try {
        ok = await operation(client);
        if (!ok) firstError ??= 'operation reported a failure';
      } catch (error) {
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(elapsedMs(sent));
      if (!ok) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  const wall = elapsedMs(started) / 1000;
  return {
    clients,
    seconds: round2(wall),
    operations: latencies.length,
    perSecond: Math.round(latencies.length / wall),
    errors,
    latencyMs: percentiles(latencies),
    ...(firstError ? { firstError } : {}),
  };
}

/** Times `operation` `samples` times one after the other (after `warmup` untimed runs). */
export async function sequentialSamples(samples: number, warmup: number, operation: () => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < warmup; i += 1) await operation();
  const timings: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = process.hrtime.bigint();
    await operation();
    timings.push(elapsedMs(started));
  }
  return percentiles(timings);
}
