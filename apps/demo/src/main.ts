import { DemoConfigError, readDemoConfig } from './config';
import { startDemo } from './demo';
import { consoleLog } from './log';
import { sleep } from './sleep';

/** Bounded: scripts/demo.sh kills what has not exited 10 s after SIGTERM, and the API may be gone already. */
const STOP_DEADLINE_MS = 7000;
const stopping = new AbortController();
let stoppingSince = 0;

/**
 * `npm run demo:seed`: seeds the demo co-ops through the public API, then simulates
 * restaurants and couriers until SIGTERM or SIGINT (scripts/demo.sh runs it in the background).
 */
async function main(): Promise<number> {
  const config = readDemoConfig();
  const stop = () => {
    // The process group gets the signal and npm forwards it too: only a later one (a second
    // Ctrl-C) means "do not wait".
    if (stopping.signal.aborted) {
      if (Date.now() - stoppingSince > 2000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    consoleLog('demo', 'stopping');
    stopping.abort();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const demo = await startDemo(config, consoleLog, stopping.signal);
  if (config.DEMO_SEED_ONLY) return 0;
  consoleLog('demo', 'simulating; stop with Ctrl-C or SIGTERM');
  await new Promise<void>((resolve) => (stopping.signal.aborted ? resolve() : stopping.signal.addEventListener('abort', () => resolve(), { once: true })));
  await Promise.race([demo.stop(), sleep(STOP_DEADLINE_MS)]);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (stopping.signal.aborted) process.exit(0); // stopped while seeding: requests were cut short on purpose
    console.error(error instanceof DemoConfigError ? error.message : `demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
