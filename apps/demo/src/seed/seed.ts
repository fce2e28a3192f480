import type { ApiClient } from '../api-client';
import { CITIES, City } from '../cities';
import type { DemoConfig } from '../config';
import type { Log } from '../log';
import type { Rng } from '../rng';
import type { Logins } from '../sessions';
import { Cooperative, ensureCooperative } from './cooperatives';
import { CoopPeople, ensurePeople } from './people';

export interface SeededCoop {
  city: City;
  cooperative: Cooperative;
  people: CoopPeople;
}

/** Co-ops and their people, as the platform admin and then each co-op's admin create them. */
export async function seedDemo(config: DemoConfig, api: ApiClient, logins: Logins, rng: Rng, log: Log): Promise<SeededCoop[]> {
  const cities = config.DEMO_CITIES.map((key) => {
    const city = CITIES[key];
    if (!city) throw new Error(`DEMO_CITIES: unknown city "${key}" (known: ${Object.keys(CITIES).join(', ')})`);
    return city;
  });
  const platform = await logins.session(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  const seeded: SeededCoop[] = [];
  for (const city of cities) {
    const { cooperative, created } = await ensureCooperative(api, platform, city, log);
    const people = await ensurePeople(api, logins, platform, city, { ...cooperative, created }, {
      password: config.DEMO_PASSWORD,
      merchants: config.DEMO_MERCHANTS_PER_COOP,
      couriers: config.DEMO_COURIERS_PER_COOP,
      manualCouriers: config.DEMO_MANUAL_COURIERS,
    }, rng.fork(`people:${city.key}`), log);
    seeded.push({ city, cooperative, people });
  }
  return seeded;
}
