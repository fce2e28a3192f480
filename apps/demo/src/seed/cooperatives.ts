import type { CooperativeView } from '@lib/wire';
import type { ApiClient } from '../api-client';
import type { City } from '../cities';
import type { Log } from '../log';
import type { Session } from '../sessions';

/** What the demo needs of a cooperative. */
export type Cooperative = Pick<CooperativeView, 'id' | 'slug' | 'name'>;

/** Auto dispatch with short offers, so a decline or a missed offer visibly moves on. */
const DEMO_SETTINGS = { dispatchMode: 'auto', offerTimeoutSeconds: 30, maxOffersPerOrder: 5 };

/** The city's co-op, found by slug (a second run reuses it, settings untouched) or created. */
export async function ensureCooperative(api: ApiClient, platform: Session, city: City, log: Log): Promise<{ cooperative: Cooperative; created: boolean }> {
  const existing = (await api.all<Cooperative>('/api/v1/cooperatives', { auth: platform })).find((coop) => coop.slug === city.slug);
  if (existing) return { cooperative: existing, created: false };
  const cooperative = await api.post<Cooperative>('/api/v1/cooperatives', {
    auth: platform,
    body: {
      name: city.cooperativeName,
      slug: city.slug,
      timezone: 'Europe/Paris',
      currency: 'EUR',
      serviceArea: city.serviceArea,
      settings: DEMO_SETTINGS,
    },
  });
  log(city.key, `created co-op ${city.cooperativeName} (${city.slug})`);
  return { cooperative, created: true };
}
