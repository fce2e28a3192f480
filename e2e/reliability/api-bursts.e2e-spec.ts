import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createApiApp } from '../../apps/api/src/api.app';
import { bootTestApp, CoopFixture, orderBody, Session, TestApi, TestApp, VALENCE } from '@lib/testing';

/**
 * What a co-op really produces in its first minutes, through the in-process API with its
 * production defaults for the pool, password hashing and login limits: a merchant's burst of
 * orders walked page by page, an admin adding members many at a time, a shift's riders logging
 * in from the office's one address, and someone guessing one rider's password meanwhile.
 */
describe('the API under a co-op’s ordinary bursts', () => {
  let harness: TestApp;
  let api: TestApi;
  let coop: CoopFixture;
  let owner: Client;

  /** Runs `count` tasks, `clients` at a time, as that many concurrent clients would. */
  async function concurrently<T>(count: number, clients: number, task: (index: number) => Promise<T>): Promise<T[]> {
    const results: T[] = new Array(count);
    let next = 0;
    const client = async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    return results;
  }

  /** Every id of a cursor-paginated list, walked `limit` at a time. */
  async function walk(path: string, auth: Session['auth'], limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.http.get(path).query({ limit, ...(cursor ? { cursor } : {}) }).set(auth).expect(200);
      ids.push(...response.body.items.map((item: { id: string }) => item.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    return ids;
  }

  const login = (email: string, password: string, address: string) =>
    api.http.post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });

  beforeAll(async () => {
    // The production defaults: the pool, bcrypt's cost and the login limits are not raised here.
    harness = await bootTestApp(createApiApp, {
      listen: true,
      overrides: { BCRYPT_COST: '10', DATABASE_POOL_SIZE: '10', RATE_LIMIT_PER_MINUTE: '600', LOGIN_FAILURES_PER_ACCOUNT: '10', LOGIN_FAILURES_PER_ADDRESS: '100' },
    });
    api = new TestApi(harness.app, harness.config);
    coop = await api.newCooperative(VALENCE);
    owner = new Client({ connectionString: harness.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await harness.close();
  });

  describe('a cursor walk', () => {
    it('returns each of 360 orders placed by 24 concurrent clients exactly once, 7 at a time', async () => {
      const placed = await concurrently(360, 24, () =>
        api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', randomUUID()).send(orderBody(coop.center)).expect(201),
      );
      const ids = await walk('/api/v1/orders', coop.dispatcher.auth, 7);
      expect(ids).toHaveLength(new Set(ids).size);
      expect(new Set(ids)).toEqual(new Set(placed.map((response) => response.body.id)));
    });

    it('keeps rows created within one millisecond apart (orders, users), whatever the page size', async () => {
      // Many rows a millisecond is what a burst produces; pinning them there makes it certain.
      await owner.query(`UPDATE orders SET created_at = timestamptz '2026-03-01 12:00:00.123' + (random() * 999)::int * interval '1 microsecond'`);
      await owner.query(`UPDATE users SET created_at = timestamptz '2026-03-01 12:00:00.456' + (random() * 999)::int * interval '1 microsecond' WHERE cooperative_id = $1`, [coop.cooperative.id]);
      const orders = await walk('/api/v1/orders', coop.dispatcher.auth, 5);
      expect(orders).toHaveLength(Number((await owner.query(`SELECT count(*) FROM orders`)).rows[0].count));
      expect(new Set(orders).size).toBe(orders.length);
      const users = await walk('/api/v1/users', coop.admin.auth, 1);
      expect(users).toHaveLength(Number((await owner.query(`SELECT count(*) FROM users WHERE cooperative_id = $1`, [coop.cooperative.id])).rows[0].count));
      expect(new Set(users).size).toBe(users.length);
    });
  });

  describe('an admin adding members', () => {
    it('creates 40 members sent at once, none failing for want of a database connection', async () => {
      const batch = randomUUID().slice(0, 8);
      // Over real sockets, so that all forty are in the server at the same moment.
      const baseUrl = (await harness.app.getUrl()).replace('[::1]', '127.0.0.1');
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          fetch(`${baseUrl}/api/v1/users`, {
            method: 'POST',
            headers: { ...coop.admin.auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: `member-${batch}-${index}@test.example`, password: 'member-password-1', name: `Member ${index}`, role: 'courier' }),
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(new Array(40).fill(201));
      const stored = await owner.query(`SELECT count(*) FROM users WHERE email LIKE $1`, [`member-${batch}-%`]);
      expect(Number(stored.rows[0].count)).toBe(40);
    });

    it('imports 200 members sent 25 at a time', async () => {
      const batch = randomUUID().slice(0, 8);
      const responses = await concurrently(200, 25, (index) =>
        api.http.post('/api/v1/users').set(coop.admin.auth).send({ email: `import-${batch}-${index}@test.example`, password: 'member-password-1', name: `Imported ${index}`, role: 'courier' }),
      );
      expect(responses.filter((response) => response.status !== 201).map((response) => response.status)).toEqual([]);
      expect(Number((await owner.query(`SELECT count(*) FROM couriers c JOIN users u ON u.id = c.user_id WHERE u.email LIKE $1`, [`import-${batch}-%`])).rows[0].count)).toBe(200);
    });

    it('answers a second request for a taken e-mail 409 and stores it once', async () => {
      const email = `twice-${randomUUID().slice(0, 8)}@test.example`;
      const body = { email, password: 'member-password-1', name: 'Twice', role: 'dispatcher' };
      const statuses = (await Promise.all([1, 2, 3].map(() => api.http.post('/api/v1/users').set(coop.admin.auth).send(body)))).map((r) => r.status);
      expect(statuses.sort()).toEqual([201, 409, 409]);
      expect(Number((await owner.query(`SELECT count(*) FROM users WHERE email = $1`, [email])).rows[0].count)).toBe(1);
    });
  });

  describe('a merchant’s point of sale', () => {
    it('takes 500 orders in a minute from one API key at the default rate limit; past it, 429 with Retry-After and nothing stored', async () => {
      const key = (await api.http.post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201)).body.key as string;
      const countOrders = async () => Number((await owner.query(`SELECT count(*) FROM orders`)).rows[0].count);
      const before = await countOrders();
      const place = (idempotencyKey: string) => api.http.post('/api/v1/orders').set('X-Api-Key', key).set('Idempotency-Key', idempotencyKey).send(orderBody(coop.center));
      const placed = await concurrently(500, 8, () => place(randomUUID()));
      expect(placed.filter((response) => response.status !== 201).map((response) => response.status)).toEqual([]);
      expect(await countOrders()).toBe(before + 500);
      // RATE_LIMIT_PER_MINUTE (600) counts every request of the key: go past it.
      let limited;
      for (let sent = 0; sent < 200 && !limited; sent += 1) {
        const response = await place(randomUUID());
        if (response.status === 429) limited = response;
      }
      expect(limited).toBeDefined();
      expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited!.body).toMatchObject({ status: 429, code: 'rate_limited' });
      const afterLimit = await countOrders();
      expect((await place(randomUUID())).status).toBe(429);
      expect(await countOrders()).toBe(afterLimit);
    });
  });

  describe('logins from the co-op’s office', () => {
    const office = '198.51.100.20';
    let riders: { email: string; password: string }[];

    beforeAll(async () => {
      const batch = randomUUID().slice(0, 8);
      riders = Array.from({ length: 50 }, (_, index) => ({ email: `rider-${batch}-${index}@test.example`, password: `rider-password-${index}` }));
      await concurrently(riders.length, 10, (index) =>
        api.http.post('/api/v1/users').set(coop.admin.auth).send({ ...riders[index], name: `Rider ${index}`, role: 'courier' }).expect(201),
      );
    });

    it('lets 50 riders log in at once from one address', async () => {
      const responses = await Promise.all(riders.map((rider) => login(rider.email, rider.password, office)));
      expect(responses.map((response) => response.status)).toEqual(new Array(50).fill(200));
    });

    it('ends 25 wrong passwords for one account in 429 with Retry-After, while another rider there still logs in', async () => {
      const [target, colleague] = riders;
      const guesses = await concurrently(25, 5, (index) => login(target.email, `guess-${index}`, office));
      const statuses = guesses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(15);
      const limited = guesses.find((response) => response.status === 429)!;
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ status: 429, code: 'too_many_failed_logins' });
      // The right password is refused too while the account is limited: guessing gains nothing.
      expect((await login(target.email, target.password, office)).status).toBe(429);
      expect((await login(colleague.email, colleague.password, office)).status).toBe(200);
    });

    it('limits one address far more loosely, across accounts', async () => {
      const guesser = '203.0.113.77';
      const accounts = riders.slice(10, 35);
      const statuses: number[] = [];
      for (let round = 0; round < 4; round += 1) {
        const wrong = await Promise.all(accounts.map((rider) => login(rider.email, 'not-the-password', guesser)));
        statuses.push(...wrong.map((response) => response.status));
      }
      expect(statuses).toEqual(new Array(100).fill(401));
      // No account is over its own allowance, but the address is over its hundred.
      expect((await login(riders[35].email, 'not-the-password', guesser)).status).toBe(429);
      expect((await login(riders[36].email, riders[36].password, guesser)).status).toBe(429);
      expect((await login(riders[36].email, riders[36].password, office)).status).toBe(200);
    });
  });
});
