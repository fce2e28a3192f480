import type { LatLng } from '@lib/geo';
import type { CourierView, MerchantView } from '@lib/wire';
import { ApiClient, ApiKey, isStatus } from '../api-client';
import { City, FIRST_NAMES, INITIALS, Restaurant } from '../cities';
import type { Log } from '../log';
import type { Rng } from '../rng';
import type { Logins, Session } from '../sessions';
import type { Cooperative } from './cooperatives';

export interface DemoMerchant {
  id: string;
  name: string;
  address: string;
  location: LatLng;
  email: string;
  apiKey: ApiKey;
}

export interface DemoCourier {
  userId: string;
  courierId: string;
  email: string;
  name: string;
  /** false: left for a person to drive from /app/courier. */
  simulated: boolean;
}

export interface CoopPeople {
  admin: Session;
  adminEmail: string;
  dispatcherEmail: string;
  merchants: DemoMerchant[];
  couriers: DemoCourier[];
}

export interface PeopleOptions {
  password: string;
  merchants: number;
  couriers: number;
  manualCouriers: number;
}

interface User { id: string; email: string; name: string; merchantId: string | null }
type Courier = Pick<CourierView, 'id' | 'userId'>;
type Merchant = Pick<MerchantView, 'id' | 'name'>;

const DOMAIN = 'demo.example';
const emailOf = (city: City, who: string) => `${city.key}.${who}@${DOMAIN}`;
const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * A co-op's people, through the API as its admin would add them: an admin, a dispatcher,
 * restaurants with a login each and an API key for their "till", and couriers. Everything
 * is looked up by e-mail or name first, so a second run adds only what is missing.
 */
export async function ensurePeople(
  api: ApiClient,
  logins: Logins,
  platform: Session,
  city: City,
  cooperative: Cooperative & { created: boolean },
  options: PeopleOptions,
  rng: Rng,
  log: Log,
): Promise<CoopPeople> {
  const adminEmail = emailOf(city, 'admin');
  const admin = await ensureCoopAdmin(api, logins, platform, cooperative, adminEmail, city, options.password, log);
  const users = await api.all<User>('/api/v1/users', { auth: admin });
  const byEmail = new Map(users.map((user) => [user.email, user]));
  const addUser = async (body: Record<string, unknown>) => {
    const created = await api.post<User & { courier?: Courier }>('/api/v1/users', { auth: admin, body: { password: options.password, ...body } });
    byEmail.set(created.email, created);
    return created;
  };

  const dispatcherEmail = emailOf(city, 'dispatch');
  if (!byEmail.has(dispatcherEmail)) {
    await addUser({ email: dispatcherEmail, name: `Dispatch ${city.name}`, role: 'dispatcher' });
    log(city.key, `added dispatcher ${dispatcherEmail}`);
  }

  const merchants: DemoMerchant[] = [];
  const existingMerchants = await api.all<Merchant>('/api/v1/merchants', { auth: admin });
  for (const [index, restaurant] of city.restaurants.slice(0, options.merchants).entries()) {
    const merchant = existingMerchants.find((m) => m.name === restaurant.name) ?? (await addMerchant(api, admin, restaurant, city, log));
    const email = emailOf(city, `merchant${twoDigits(index + 1)}`);
    if (!byEmail.has(email)) await addUser({ email, name: restaurant.name, role: 'merchant', merchantId: merchant.id });
    const apiKey = await ensureApiKey(api, logins, admin, merchant.id);
    merchants.push({ id: merchant.id, name: restaurant.name, address: restaurant.address, location: restaurant.location, email, apiKey });
  }

  const courierIds = new Map((await api.all<Courier>('/api/v1/couriers', { auth: admin })).map((c) => [c.userId, c.id]));
  const names = rng.fork('courier-names');
  const nameOffset = names.int(0, FIRST_NAMES.length - 1);
  const couriers: DemoCourier[] = [];
  for (let index = 0; index < options.couriers; index += 1) {
    const email = emailOf(city, `courier${twoDigits(index + 1)}`);
    const name = `${FIRST_NAMES[(nameOffset + index) % FIRST_NAMES.length]} ${INITIALS[names.int(0, INITIALS.length - 1)]}.`;
    const profile = vehicleFor(names);
    let user = byEmail.get(email);
    if (!user) {
      const created = await addUser({ email, name, role: 'courier', courier: profile });
      if (created.courier) courierIds.set(created.id, created.courier.id);
      user = created;
    }
    let courierId = courierIds.get(user.id);
    if (!courierId) {
      // A courier login without a profile (added by hand, say): give it one.
      courierId = (await api.post<Courier>('/api/v1/couriers', { auth: admin, body: { userId: user.id, ...profile } })).id;
    }
    couriers.push({ userId: user.id, courierId, email, name: user.name, simulated: index < options.couriers - options.manualCouriers });
  }
  log(city.key, `${merchants.length} restaurants, ${couriers.length} couriers ready`);
  return { admin, adminEmail, dispatcherEmail, merchants, couriers };
}

/** Mostly bikes; some e-bikes; a few cargo bikes that carry more. */
function vehicleFor(rng: Rng): { vehicle: string; capacity: number } {
  const draw = rng.next();
  if (draw < 0.1) return { vehicle: 'cargo_bike', capacity: 4 };
  return { vehicle: draw < 0.4 ? 'ebike' : 'bike', capacity: 2 };
}

async function ensureCoopAdmin(
  api: ApiClient,
  logins: Logins,
  platform: Session,
  cooperative: Cooperative & { created: boolean },
  email: string,
  city: City,
  password: string,
  log: Log,
): Promise<Session> {
  // An existing co-op should have its admin: try the password first (a new co-op cannot).
  if (!cooperative.created) {
    try {
      return await logins.session(email, password);
    } catch (error) {
      if (!isStatus(error, 401)) throw error;
    }
  }
  await api.post('/api/v1/users', {
    auth: platform,
    body: { email, password, name: `Admin ${city.name}`, role: 'coop_admin', cooperativeId: cooperative.id },
  });
  log(city.key, `added co-op admin ${email}`);
  return logins.session(email, password);
}

async function addMerchant(api: ApiClient, admin: Session, restaurant: Restaurant, city: City, log: Log): Promise<Merchant> {
  const merchant = await api.post<Merchant>('/api/v1/merchants', {
    auth: admin,
    body: { name: restaurant.name, address: restaurant.address, location: restaurant.location, phone: restaurant.phone },
  });
  log(city.key, `added restaurant ${restaurant.name}`);
  return merchant;
}

/**
 * Restaurants order the way a till would, with an API key, not a password login: the login
 * limit is for people. The key is kept between runs and checked before reuse.
 */
async function ensureApiKey(api: ApiClient, logins: Logins, admin: Session, merchantId: string): Promise<ApiKey> {
  const kept = logins.apiKeyOf(merchantId);
  if (kept) {
    try {
      await api.get(`/api/v1/merchants/${merchantId}`, { auth: new ApiKey(kept) });
      return new ApiKey(kept);
    } catch (error) {
      if (!isStatus(error, 401, 403, 404)) throw error;
    }
  }
  const { key } = await api.post<{ key: string }>(`/api/v1/merchants/${merchantId}/api-keys`, { auth: admin });
  logins.rememberApiKey(merchantId, key);
  return new ApiKey(key);
}
