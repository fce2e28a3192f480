import { createApiApp } from '../../apps/api/src/api.app';
import { bootTestApp, CoopFixture, LYON, TestApi, TestApp, VALENCE } from '@lib/testing';

/**
 * Ending a member's sessions before their tokens expire (a rider who leaves, a password
 * reset). The sockets' side (closed within seconds, handshake refused) is in
 * e2e/reliability/tenant-sweep.
 */
describe('member sessions', () => {
  let harness: TestApp;
  let api: TestApi;
  let coop: CoopFixture;
  let other: CoopFixture;

  beforeAll(async () => {
    harness = await bootTestApp(createApiApp);
    api = new TestApi(harness.app, harness.config);
    [coop, other] = [await api.newCooperative(VALENCE), await api.newCooperative(LYON)];
  });
  afterAll(() => harness.close());

  const me = (auth: Record<string, string>) => api.http.get('/api/v1/auth/me').set(auth);

  it('deactivates a courier: no more logins, its token refused, its shift ended, still listed', async () => {
    const courier = await api.newCourier(coop.admin);
    await api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: true }).expect(200);
    await me(courier.auth).expect(200);

    await api.http.delete(`/api/v1/users/${courier.id}`).set(coop.admin.auth).expect(204);

    await me(courier.auth).expect(401);
    const user = (await api.http.get(`/api/v1/users/${courier.id}`).set(coop.admin.auth).expect(200)).body;
    expect(user.deactivatedAt).toEqual(expect.any(String));
    expect(user.courier.onShift).toBe(false);
    const login = await api.http.post('/api/v1/auth/login').send({ email: user.email, password: 'password-1234' });
    expect(login.status).toBe(401);
    // Again: harmless.
    await api.http.delete(`/api/v1/users/${courier.id}`).set(coop.admin.auth).expect(204);
  });

  it('refuses an admin deactivating themselves, and another co-op’s member is not found', async () => {
    const self = await api.http.delete(`/api/v1/users/${coop.admin.user.id}`).set(coop.admin.auth).expect(409);
    expect(self.body.code).toBe('cannot_deactivate_self');
    const stranger = await api.newUser(other.admin, 'dispatcher');
    await api.http.delete(`/api/v1/users/${stranger.id}`).set(coop.admin.auth).expect(404);
    await me(stranger.auth).expect(200);
  });

  it('ends the sessions of a member whose password is reset, and the new password logs in', async () => {
    const member = await api.newUser(coop.admin, 'dispatcher');
    const email = (await api.http.get(`/api/v1/users/${member.id}`).set(coop.admin.auth).expect(200)).body.email;
    await api.http.patch(`/api/v1/users/${member.id}`).set(coop.admin.auth).send({ password: 'a-new-password-1' }).expect(200);
    await me(member.auth).expect(401);
    const fresh = await api.login(email, 'a-new-password-1');
    await me(fresh.auth).expect(200);
  });
});
