import type { ApiClient } from '../api-client';
import type { DemoConfig } from '../config';
import type { Log } from '../log';
import type { Rng } from '../rng';
import type { SeededCoop } from '../seed/seed';
import type { DemoCourier } from '../seed/people';
import type { Logins, Session } from '../sessions';
import { BreakRota } from './break-rota';
import { CourierBot, CourierContext } from './courier-bot';
import { RestaurantBot } from './restaurant-bot';
import { SimulationStats } from './stats';

export interface SimulationDeps {
  config: DemoConfig;
  api: ApiClient;
  logins: Logins;
  rng: Rng;
  log: Log;
  signal: AbortSignal;
}

/** Share of a co-op's couriers that may be on a break at the same time. */
const MAX_ON_BREAK = 0.2;

/**
 * Starts every restaurant and courier of the seeded co-ops; `finished` resolves once the
 * signal has aborted and each of them has stopped (couriers off shift, sockets closed).
 */
export function startSimulation(seeded: SeededCoop[], deps: SimulationDeps): { stats: SimulationStats; finished: Promise<void> } {
  const { config, api, logins, rng, log, signal } = deps;
  const stats = new SimulationStats();
  const runs: Promise<void>[] = [];
  const runId = Date.now().toString(36);

  for (const { city, people } of seeded) {
    runs.push(new RestaurantBot(city, people.merchants, { api, config, stats, log, signal, runId }, rng.fork(`restaurants:${city.key}`)).run());
  }

  // Couriers of all co-ops take turns logging in, so every city fills up at the same pace.
  const contexts = new Map(seeded.map(({ city, people }) => [city.key, {
    api, trackingUrl: config.DEMO_TRACKING_URL, city, config, stats, log, signal,
    merchantNames: new Map(people.merchants.map((merchant) => [merchant.id, merchant.name])),
    breaks: new BreakRota(Math.max(1, Math.floor(people.couriers.length * MAX_ON_BREAK))),
  } satisfies CourierContext]));
  const queue = interleave(seeded.map(({ city, people }) => people.couriers.filter((c) => c.simulated).map((courier) => ({ city: city.key, courier }))));
  const starting = (async () => {
    for (const { city, courier } of queue) {
      if (signal.aborted) return;
      try {
        const session = await logins.cachedSession(courier.email, config.DEMO_PASSWORD, courier.userId);
        if (signal.aborted) return;
        runs.push(startCourier(courier, session, contexts.get(city)!, rng.fork(`courier:${courier.email}`), log));
      } catch (error) {
        if (!signal.aborted) log(`${city} ${courier.name}`, `could not start: ${String(error)}`);
      }
    }
    log('demo', `all ${queue.length} simulated couriers started`);
  })();

  const summary = setInterval(() => log('demo', stats.summary()), 60_000);
  signal.addEventListener('abort', () => clearInterval(summary), { once: true });
  const finished = starting.then(() => Promise.allSettled(runs)).then(() => undefined);
  return { stats, finished };
}

function startCourier(courier: DemoCourier, session: Session, context: CourierContext, rng: Rng, log: Log): Promise<void> {
  const who = `${context.city.key} ${courier.name}`;
  return new CourierBot(courier, session, context, rng).run().catch((error: unknown) => log(who, `stopped: ${String(error)}`));
}

/** [[a1, a2], [b1]] → [a1, b1, a2] */
function interleave<T>(lists: T[][]): T[] {
  const result: T[] = [];
  for (let i = 0; i < Math.max(0, ...lists.map((list) => list.length)); i += 1) {
    for (const list of lists) if (i < list.length) result.push(list[i]);
  }
  return result;
}
