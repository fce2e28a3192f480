import { DemoConfigError, readDemoConfig } from './config';
import { startDemo } from './demo';
import { consoleLog } from './log';

/**
 * `npm run demo:seed`: seeds the demo co-ops through the public API, then simulates
 * restaurants and couriers until SIGTERM or SIGINT (scripts/demo.sh runs it in the background).
 */
const stopping = new AbortController();

async function main(): Promise<number> {
  const config = readDemoConfig();
  const stop = () => {
    if (stopping.signal.aborted) process.exit(1); // a second Ctrl-C: do not wait
    consoleLog('demo', 'stopping');
    stopping.abort();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const demo = await startDemo(config, consoleLog, stopping.signal);
  if (config.DEMO_SEED_ONLY) return 0;
  consoleLog('demo', 'simulating; stop with Ctrl-C or SIGTERM');
  await new Promise<void>((resolve) => (stopping.signal.aborted ? resolve() : stopping.signal.addEventListener('abort', () => resolve(), { once: true })));
  await demo.stop();
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
