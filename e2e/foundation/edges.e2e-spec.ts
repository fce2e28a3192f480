import { CoopFixture, TestApi } from '@lib/testing';
import { bootSystem, TestSystem } from '../support/system';

describe('HTTP edges', () => {
  let harness: TestSystem;
  let api: TestApi;
  let coop: CoopFixture;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, overrides: { BODY_LIMIT: '8kb' } });
    api = harness.api;
    coop = await api.newCooperative();
  });
  afterAll(() => harness.close());

  it('answers every error as problem+json with a correlation id', async () => {
    const response = await api.http.get('/api/v1/couriers').set('X-Correlation-Id', 'trace-abc-12345').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-correlation-id']).toBe('trace-abc-12345');
    expect(response.body).toEqual({
      type: expect.stringMatching(/^https:\/\//),
      title: 'Authentication required',
      status: 401,
      detail: expect.any(String),
      code: 'unauthenticated',
      correlationId: 'trace-abc-12345',
    });
  });

  it('rejects unknown and malformed fields with field-level errors and stores nothing', async () => {
    const before = await api.http.get('/api/v1/merchants').set(coop.admin.auth).expect(200);
    const response = await api.http
      .post('/api/v1/merchants')
      .set(coop.admin.auth)
      .send({ name: 'X', address: 'Y', location: { lat: '44.9', lng: 1e999 }, color: 'red' })
      .expect(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['color', 'location.lat', 'location.lng']));
    const after = await api.http.get('/api/v1/merchants').set(coop.admin.auth).expect(200);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('answers 422 for a merchant outside the service area', async () => {
    const response = await api.http
      .post('/api/v1/merchants')
      .set(coop.admin.auth)
      .send({ name: 'Far away', address: 'Paris', location: { lat: 48.85, lng: 2.35 } })
      .expect(422);
    expect(response.body.code).toBe('outside_service_area');
  });

  it('answers 400 for invalid JSON and 413 for a body over the limit', async () => {
    const invalid = await api.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(invalid.headers['content-type']).toMatch(/problem\+json/);
    const big = await api.http.post('/api/v1/auth/login').send({ email: 'a@b.c', password: 'x'.repeat(20_000) }).expect(413);
    expect(big.body.code).toBe('payload_too_large');
  });

  it('answers 404 as problem+json for unknown routes and non-uuid ids', async () => {
    await api.http.get('/api/v1/nothing-here').expect(404);
    const response = await api.http.get('/api/v1/users/not-a-uuid').set(coop.admin.auth).expect(404);
    expect(response.body.code).toBe('not_found');
  });

  it('paginates with an opaque cursor and refuses a forged one', async () => {
    for (let i = 0; i < 3; i += 1) await api.newCourier(coop.admin);
    const first = await api.http.get('/api/v1/couriers?limit=2').set(coop.dispatcher.auth).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.http.get(`/api/v1/couriers?limit=2&cursor=${first.body.nextCursor}`).set(coop.dispatcher.auth).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((courier: { id: string }) => courier.id);
    expect(new Set(ids).size).toBe(ids.length);
    await api.http.get('/api/v1/couriers?cursor=forged').set(coop.dispatcher.auth).expect(400);
    await api.http.get('/api/v1/couriers?limit=201').set(coop.dispatcher.auth).expect(400);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    await api.http.get('/health').expect(200, { status: 'ok' });
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({ postgres: 'up', redis: 'up' });
    const metrics = await api.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
    const docs = await api.http.get('/api/docs-json').expect(200);
    expect(docs.body.paths['/api/v1/auth/login']).toBeDefined();
    expect(docs.body.paths['/api/v1/cooperatives']).toBeDefined();
  });
});

describe('rate limiting', () => {
  let harness: TestSystem;
  let api: TestApi;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, overrides: { RATE_LIMIT_PER_MINUTE: '3', LOGIN_FAILURES_PER_ACCOUNT: '2' } });
    api = harness.api;
  });
  afterAll(() => harness.close());

  it('answers 429 with Retry-After once a caller exceeds its allowance', async () => {
    const admin = await api.platformAdmin();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await api.http.get('/api/v1/cooperatives').set(admin.auth)).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[4]).toBe(429);
    const limited = await api.http.get('/api/v1/cooperatives').set(admin.auth).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('rate_limited');
  });

  it('limits failed password attempts per account (the office case is in e2e/reliability/api-bursts)', async () => {
    const attempt = () => api.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.9').send({ email: 'x@test.example', password: 'nope' });
    const statuses = [(await attempt()).status, (await attempt()).status, (await attempt()).status];
    expect(statuses).toEqual([401, 401, 429]);
  });
});
