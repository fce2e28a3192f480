import { routesWithoutAccessPolicy } from '@lib/auth';
import { CoopFixture, TestApi } from '@lib/testing';
import { bootSystem, TestSystem } from '../support/system';
import { JwtService } from '@nestjs/jwt';

describe('authentication and roles', () => {
  let harness: TestSystem;
  let api: TestApi;
  let coop: CoopFixture;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0 });
    api = harness.api;
    coop = await api.newCooperative();
  });
  afterAll(() => harness.close());

  it('logs in with a password and returns the user without secrets', async () => {
    const response = await api.http.post('/api/v1/auth/login').send({ email: harness.apiApp.config.env.ADMIN_EMAIL, password: harness.apiApp.config.env.ADMIN_PASSWORD }).expect(200);
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(response.body.user).toMatchObject({ role: 'platform_admin', cooperativeId: null });
    expect(JSON.stringify(response.body)).not.toMatch(/password/i);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await api.http.post('/api/v1/auth/login').send({ email: harness.apiApp.config.env.ADMIN_EMAIL, password: 'not-it' }).expect(401);
    const unknown = await api.http.post('/api/v1/auth/login').send({ email: 'nobody@test.example', password: 'not-it' }).expect(401);
    expect(wrong.body.code).toBe('bad_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('refuses missing, forged and expired tokens with 401', async () => {
    await api.http.get('/api/v1/couriers').expect(401);
    await api.http.get('/api/v1/couriers').set('Authorization', 'Bearer not.a.token').expect(401);
    const forged = new JwtService({ secret: 'another-secret-another-secret' }).sign({ sub: coop.admin.user.id, role: 'coop_admin', coop: coop.cooperative.id, name: 'x' });
    await api.http.get('/api/v1/couriers').set('Authorization', `Bearer ${forged}`).expect(401);
    const expired = new JwtService({ secret: harness.apiApp.config.jwtSecret }).sign(
      { sub: coop.admin.user.id, role: 'coop_admin', coop: coop.cooperative.id, name: 'x' },
      { expiresIn: -10 },
    );
    await api.http.get('/api/v1/couriers').set('Authorization', `Bearer ${expired}`).expect(401);
  });

  it.each([
    ['courier', 'post', '/api/v1/merchants'],
    ['merchant', 'get', '/api/v1/couriers'],
    ['dispatcher', 'post', '/api/v1/users'],
    ['courier', 'post', '/api/v1/cooperatives'],
  ] as const)('refuses a %s on %s %s with 403', async (role, method, path) => {
    const session = { courier: coop.courier, merchant: coop.merchantUser, dispatcher: coop.dispatcher }[role];
    const response = await api.http[method](path).set(session.auth).send({}).expect(403);
    expect(response.body.code).toBe('forbidden');
  });

  it('authenticates a merchant API key, shown once and stored hashed, until revoked', async () => {
    const created = await api.http.post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201);
    expect(created.body.key).toMatch(/^bdk_/);
    const me = await api.http.get('/api/v1/auth/me').set('X-Api-Key', created.body.key).expect(200);
    expect(me.body).toMatchObject({ role: 'merchant', merchantId: coop.merchant.id, cooperativeId: coop.cooperative.id });
    const listed = await api.http.get(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    await api.http.delete(`/api/v1/merchants/${coop.merchant.id}/api-keys/${created.body.id}`).set(coop.admin.auth).expect(204);
    await api.http.get('/api/v1/auth/me').set('X-Api-Key', created.body.key).expect(401);
  });

  it('lets a courier toggle only its own shift', async () => {
    const on = await api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: true }).expect(200);
    expect(on.body).toMatchObject({ id: coop.courier.courierId, onShift: true });
    expect(on.body.shiftStartedAt).toEqual(expect.any(String));
    await api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: 'yes' }).expect(400);
    const off = await api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: false }).expect(200);
    expect(off.body.onShift).toBe(false);
  });

  it('has an explicit access policy on every route', () => {
    expect(routesWithoutAccessPolicy(harness.apiApp.app)).toEqual([]);
  });
});
