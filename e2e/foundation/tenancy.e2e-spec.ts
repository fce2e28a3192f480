import { DataSource } from 'typeorm';
import { dataSourceOptions, Transactions, UsersRepository } from '@lib/database';
import { CoopFixture, LYON, TestApi, VALENCE } from '@lib/testing';
import { bootSystem, TestSystem } from '../support/system';

describe('tenant isolation', () => {
  let harness: TestSystem;
  let api: TestApi;
  let valence: CoopFixture;
  let lyon: CoopFixture;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0 });
    api = harness.api;
    valence = await api.newCooperative(VALENCE);
    lyon = await api.newCooperative(LYON);
  });
  afterAll(() => harness.close());

  const foreignObjects = () => [
    ['users', lyon.dispatcher.user.id],
    ['merchants', lyon.merchant.id],
    ['couriers', lyon.courier.courierId],
  ];

  it("answers 404 when a co-op admin reads another co-op's users, merchants and couriers", async () => {
    for (const [collection, id] of foreignObjects()) {
      const response = await api.http.get(`/api/v1/${collection}/${id}`).set(valence.admin.auth).expect(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      // The same request from the owner succeeds, so the 404 is isolation, not a bad id.
      await api.http.get(`/api/v1/${collection}/${id}`).set(lyon.admin.auth).expect(200);
    }
  });

  it("answers 404 to patches of another co-op's objects and changes nothing", async () => {
    await api.http.patch(`/api/v1/users/${lyon.dispatcher.user.id}`).set(valence.admin.auth).send({ name: 'hijacked' }).expect(404);
    await api.http.patch(`/api/v1/merchants/${lyon.merchant.id}`).set(valence.admin.auth).send({ name: 'hijacked' }).expect(404);
    await api.http.patch(`/api/v1/couriers/${lyon.courier.courierId}`).set(valence.admin.auth).send({ capacity: 9 }).expect(404);
    const user = await api.http.get(`/api/v1/users/${lyon.dispatcher.user.id}`).set(lyon.admin.auth).expect(200);
    const merchant = await api.http.get(`/api/v1/merchants/${lyon.merchant.id}`).set(lyon.admin.auth).expect(200);
    const courier = await api.http.get(`/api/v1/couriers/${lyon.courier.courierId}`).set(lyon.admin.auth).expect(200);
    expect(user.body.name).not.toBe('hijacked');
    expect(merchant.body.name).not.toBe('hijacked');
    expect(courier.body.capacity).toBe(2);
  });

  it('lists only the caller\'s own cooperative', async () => {
    for (const collection of ['users', 'merchants', 'couriers']) {
      const mine = await api.http.get(`/api/v1/${collection}`).set(collection === 'users' ? valence.admin.auth : valence.dispatcher.auth).expect(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((item: { cooperativeId: string }) => item.cooperativeId === valence.cooperative.id)).toBe(true);
    }
  });

  it("hides another cooperative itself and another merchant's record", async () => {
    await api.http.get(`/api/v1/cooperatives/${lyon.cooperative.id}`).set(valence.admin.auth).expect(404);
    await api.http.patch(`/api/v1/cooperatives/${lyon.cooperative.id}`).set(valence.admin.auth).send({ name: 'Hijacked' }).expect(404);
    await api.http.get(`/api/v1/cooperatives/${valence.cooperative.id}`).set(valence.admin.auth).expect(200);
    const second = (await api.http.post('/api/v1/merchants').set(valence.admin.auth).send({ name: 'Other shop', address: 'x', location: VALENCE }).expect(201)).body;
    await api.http.get(`/api/v1/merchants/${second.id}`).set(valence.merchantUser.auth).expect(404);
    await api.http.get(`/api/v1/merchants/${valence.merchant.id}`).set(valence.merchantUser.auth).expect(200);
  });

  it('takes the tenant from credentials only: a coop admin cannot name another cooperative', async () => {
    const response = await api.http
      .post('/api/v1/users')
      .set(valence.admin.auth)
      .send({ email: 'sneaky@test.example', password: 'password-1234', name: 'Sneaky', role: 'dispatcher', cooperativeId: lyon.cooperative.id })
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cooperativeId' })]);
  });

  describe('row-level security behind the application', () => {
    let dataSource: DataSource;
    beforeAll(async () => {
      dataSource = await new DataSource(dataSourceOptions(harness.apiApp.config)).initialize();
    });
    afterAll(() => dataSource.destroy());

    it('shows nothing from a tenant table when no tenant is set', async () => {
      const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM users');
      expect(count).toBe(0);
      const [{ merchants }] = await dataSource.query('SELECT count(*)::int AS merchants FROM merchants');
      expect(merchants).toBe(0);
    });

    it('runs as a role that is neither owner nor BYPASSRLS', async () => {
      const [role] = await dataSource.query(`SELECT current_user AS name, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user`);
      expect(role).toMatchObject({ name: 'dispatch_app', rolbypassrls: false, rolsuper: false });
    });

    it('shows only the scoped tenant, even to a query without a filter', async () => {
      const transactions = new Transactions(dataSource);
      const users = new UsersRepository(transactions);
      const page = await transactions.inTenant(valence.cooperative.id, () => users.list({ limit: 200 }));
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((user) => user.cooperativeId === valence.cooperative.id)).toBe(true);
    });

    it('refuses to write a row into another tenant', async () => {
      const transactions = new Transactions(dataSource);
      await expect(
        transactions.inTenant(valence.cooperative.id, () =>
          transactions.rows(`UPDATE merchants SET cooperative_id = $1 WHERE id = $2`, [lyon.cooperative.id, valence.merchant.id]),
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
