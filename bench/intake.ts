/**
 * `npm run bench:intake`: orders/s and latency of POST /api/v1/orders through the built API
 * process at 1, 8, 32 and 128 concurrent clients, beside a plain INSERT + XADD of the same
 * order at the same concurrency. Writes bench/results/intake.json.
 *
 *   npm run bench:intake -- --clients 1,8,32,128 --seconds 10 --warmup 2
 */
import 'reflect-metadata';
import { runIntake } from './scenarios/intake';
import { cliOption, numberList, runMain } from './support/report';

runMain(() =>
  runIntake({
    clients: numberList(cliOption('clients')) ?? [1, 8, 32, 128],
    seconds: Number(cliOption('seconds') ?? 10),
    warmupSeconds: Number(cliOption('warmup') ?? 2),
    // A profiled run (BENCH_CPU_PROF, see bench/README.md) is slowed by the profiler: its figures go beside the profile.
    resultsFolder: cliOption('results') ?? process.env.BENCH_CPU_PROF,
    command: ['npm run bench:intake', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  }),
);
