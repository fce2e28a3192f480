import { setMaxListeners } from 'node:events';
import { ApiClient } from './api-client';
import type { DemoConfig } from './config';
import type { Log } from './log';
import { Rng } from './rng';
import { loginsText, writeLoginsFile } from './seed/logins-file';
import { SeededCoop, seedDemo } from './seed/seed';
import { Logins } from './sessions';
import { startSimulation } from './simulate/simulation';
import { SimulationStats } from './simulate/stats';

export interface RunningDemo {
  seeded: SeededCoop[];
  stats: SimulationStats;
  /** Stops every bot (couriers leave their shift) and resolves when all have stopped. */
  stop(): Promise<void>;
}

/**
 * Seeds the demo data, writes the logins file, then (unless DEMO_SEED_ONLY) starts the
 * simulation and returns at once with a handle to stop it. `signal` aborting stops it too.
 */
export async function startDemo(config: DemoConfig, log: Log, signal?: AbortSignal): Promise<RunningDemo> {
  const controller = new AbortController();
  // Every bot's pending sleep and request listens to this one signal: dozens, on purpose.
  setMaxListeners(0, controller.signal);
  signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const api = new ApiClient(config.DEMO_API_URL, controller.signal, (path, seconds) => log('api', `rate limited on ${path}: waiting ${seconds} s`));
  let lastPacingNote = 0;
  const logins = new Logins(api, config.DEMO_LOGINS_PER_MINUTE, config.DEMO_SESSIONS_FILE, controller.signal, (seconds) => {
    if (Date.now() - lastPacingNote < 60_000) return;
    lastPacingNote = Date.now();
    log('demo', `password logins paced to ${config.DEMO_LOGINS_PER_MINUTE}/min (the API's login limit): next in ${seconds} s, couriers keep joining`);
  });
  const rng = new Rng(config.DEMO_SEED);

  const seeded = await seedDemo(config, api, logins, rng.fork('seed'), log);
  writeLoginsFile(config.DEMO_LOGINS_FILE, loginsText(seeded, config.DEMO_API_URL, config.DEMO_PASSWORD));
  for (const { city, people } of seeded) {
    const simulated = people.couriers.filter((courier) => courier.simulated).length;
    log('demo', `${city.cooperativeName}: dispatcher ${people.dispatcherEmail}, ${people.merchants.length} restaurants, ${simulated} simulated couriers (+${people.couriers.length - simulated} free)`);
  }
  log('demo', `logins written to ${config.DEMO_LOGINS_FILE} (password ${config.DEMO_PASSWORD}); dispatch map at ${config.DEMO_API_URL}/app/dispatch`);

  if (config.DEMO_SEED_ONLY) return { seeded, stats: new SimulationStats(), stop: async () => controller.abort() };
  const simulation = startSimulation(seeded, { config, api, logins, rng: rng.fork('simulate'), log, signal: controller.signal });
  return {
    seeded,
    stats: simulation.stats,
    stop: async () => {
      controller.abort();
      await simulation.finished;
      log('demo', `stopped: ${simulation.stats.summary()}`);
    },
  };
}
