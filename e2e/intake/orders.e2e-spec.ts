import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CoopFixture, LYON, orderBody, TestApi, VALENCE } from '@lib/testing';
import { bootSystem, TestSystem } from '../support/system';

describe('order intake', () => {
  let harness: TestSystem;
  let api: TestApi;
  let valence: CoopFixture;
  let lyon: CoopFixture;
  let owner: Client;

  const countRows = async (table: string) => Number((await owner.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const place = (coop: CoopFixture, body: object, key: string = randomUUID()) =>
    api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', key).send(body);

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0 });
    api = harness.api;
    valence = await api.newCooperative(VALENCE);
    lyon = await api.newCooperative(LYON);
    owner = new Client({ connectionString: harness.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await harness.close();
  });

  it('creates a priced order with a tracking link, its first event and a dispatch event in the outbox', async () => {
    const outboxBefore = await countRows('outbox');
    const response = await place(valence, orderBody(valence.center)).expect(201);
    const order = response.body;
    expect(order).toMatchObject({
      status: 'pending',
      merchantId: valence.merchant.id,
      courierId: null,
      pickup: { location: valence.merchant.location },
      parcel: { size: 'M', weightKg: 2.5 },
      price: { amount: expect.any(Number), currency: 'EUR' },
      trackingUrl: expect.stringContaining(`/track/${order.trackingToken}`),
    });
    expect(order.distanceMeters).toBeGreaterThan(1000);
    expect(order.events).toEqual([{ status: 'pending', at: expect.any(String), by: expect.stringMatching(/^user:/) }]);
    expect(await countRows('outbox')).toBe(outboxBefore + 1);
    const { rows } = await owner.query(`SELECT topic, payload FROM outbox ORDER BY created_at DESC LIMIT 1`);
    expect(rows[0]).toEqual({ topic: 'dispatch', payload: { orderId: order.id } });
  });

  it('quotes the same price and creates nothing', async () => {
    const body = orderBody(valence.center);
    const before = await countRows('orders');
    const quote = await api.http.post('/api/v1/orders/quote').set(valence.merchantUser.auth).send(body).expect(200);
    expect(quote.body).toEqual({
      price: { amount: expect.any(Number), currency: 'EUR' },
      distanceMeters: expect.any(Number),
      estimatedPickupAt: expect.any(String),
      estimatedDeliveryAt: expect.any(String),
    });
    expect(new Date(quote.body.estimatedDeliveryAt).getTime()).toBeGreaterThan(new Date(quote.body.estimatedPickupAt).getTime());
    expect(await countRows('orders')).toBe(before);
    const created = await place(valence, body).expect(201);
    expect(created.body.price).toEqual(quote.body.price);
  });

  const invalidBodies: [string, (center: typeof VALENCE) => object, string][] = [
    ['a latitude given as a string', (c) => orderBody(c, { dropoff: { address: 'x', location: { lat: '44.9', lng: c.lng } } }), 'dropoff.location.lat'],
    ['an infinite longitude (1e999)', (c) => orderBody(c, { dropoff: { address: 'x', location: { lat: c.lat, lng: Infinity } } }), 'dropoff.location.lng'],
    ['a latitude out of range (swapped)', (c) => orderBody(c, { dropoff: { address: 'x', location: { lat: 120.5, lng: c.lat } } }), 'dropoff.location.lat'],
    ['a missing longitude', (c) => orderBody(c, { dropoff: { address: 'x', location: { lat: c.lat } } }), 'dropoff.location.lng'],
    ['a missing dropoff', (c) => ({ ...orderBody(c), dropoff: undefined }), 'dropoff'],
    ['an unknown field', (c) => orderBody(c, { tip: 5 }), 'tip'],
    ['a deliverBy before readyAt', (c) => orderBody(c, { readyAt: '2030-01-01T12:00:00Z', deliverBy: '2030-01-01T11:00:00Z' }), 'readyAt'],
    ['a bad parcel size', (c) => orderBody(c, { parcel: { size: 'XL' } }), 'parcel.size'],
    ['a non-ISO readyAt', (c) => orderBody(c, { readyAt: 'tomorrow noon' }), 'readyAt'],
  ];

  it.each(invalidBodies)('refuses %s with a field error and stores nothing', async (_, build, field) => {
    const [orders, keys, outbox] = [await countRows('orders'), await countRows('idempotency_keys'), await countRows('outbox')];
    const raw = JSON.stringify(build(valence.center)).replace('null', '1e999');
    const response = await api.http
      .post('/api/v1/orders')
      .set(valence.merchantUser.auth)
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json')
      .send(raw)
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect([await countRows('orders'), await countRows('idempotency_keys'), await countRows('outbox')]).toEqual([orders, keys, outbox]);
  });

  it('answers 422 for a dropoff outside the service area and stores nothing', async () => {
    const before = await countRows('orders');
    const response = await place(valence, orderBody(valence.center, { dropoff: { address: 'Lyon', location: LYON } })).expect(422);
    expect(response.body).toMatchObject({ code: 'outside_service_area', detail: expect.stringContaining('dropoff') });
    expect(await countRows('orders')).toBe(before);
  });

  it('requires an Idempotency-Key from merchants', async () => {
    const response = await api.http.post('/api/v1/orders').set(valence.merchantUser.auth).send(orderBody(valence.center)).expect(400);
    expect(response.body.errors[0].field).toBe('Idempotency-Key');
  });

  describe('idempotency', () => {
    it('replays the first response byte for byte for the same key and body', async () => {
      const key = randomUUID();
      const body = orderBody(valence.center);
      const first = await place(valence, body, key).expect(201);
      const before = await countRows('orders');
      const again = await place(valence, body, key).expect(201);
      expect(again.text).toBe(first.text);
      expect(await countRows('orders')).toBe(before);
    });

    it('answers 409 for the same key with a different body', async () => {
      const key = randomUUID();
      await place(valence, orderBody(valence.center, { reference: 'one' }), key).expect(201);
      const conflict = await place(valence, orderBody(valence.center, { reference: 'two' }), key).expect(409);
      expect(conflict.body.code).toBe('idempotency_key_reused');
    });

    it('scopes keys to the credential: another merchant may use the same key', async () => {
      const key = randomUUID();
      const body = orderBody(valence.center);
      const first = await place(valence, body, key).expect(201);
      const other = await place(lyon, orderBody(lyon.center), key).expect(201);
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('creates exactly one order from concurrent requests with one key', async () => {
      const key = randomUUID();
      const body = orderBody(valence.center, { reference: `race-${key}` });
      const responses = await Promise.all(Array.from({ length: 8 }, () => place(valence, body, key)));
      expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM orders WHERE reference = $1`, [`race-${key}`]);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('reading', () => {
    it('lists with filters and cursor pagination, merchants seeing only their own', async () => {
      const otherMerchant = (await api.http.post('/api/v1/merchants').set(valence.admin.auth).send({ name: 'Other', address: 'x', location: valence.center }).expect(201)).body;
      const byDispatcher = await api.http
        .post('/api/v1/orders')
        .set(valence.dispatcher.auth)
        .send(orderBody(valence.center, { merchantId: otherMerchant.id }))
        .expect(201);
      const mine = await api.http.get('/api/v1/orders?limit=200').set(valence.merchantUser.auth).expect(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((order: { merchantId: string }) => order.merchantId === valence.merchant.id)).toBe(true);
      await api.http.get(`/api/v1/orders/${byDispatcher.body.id}`).set(valence.merchantUser.auth).expect(404);
      const filtered = await api.http.get(`/api/v1/orders?merchantId=${otherMerchant.id}`).set(valence.dispatcher.auth).expect(200);
      expect(filtered.body.items.map((order: { id: string }) => order.id)).toEqual([byDispatcher.body.id]);

      const page1 = await api.http.get('/api/v1/orders?limit=2&status=pending').set(valence.dispatcher.auth).expect(200);
      const page2 = await api.http.get(`/api/v1/orders?limit=2&status=pending&cursor=${page1.body.nextCursor}`).set(valence.dispatcher.auth).expect(200);
      const ids = [...page1.body.items, ...page2.body.items].map((order: { id: string }) => order.id);
      expect(new Set(ids).size).toBe(4);
    });

    it("answers 404 for another cooperative's order and lists none of them", async () => {
      const lyonOrder = (await place(lyon, orderBody(lyon.center)).expect(201)).body;
      await api.http.get(`/api/v1/orders/${lyonOrder.id}`).set(valence.dispatcher.auth).expect(404);
      await api.http.post(`/api/v1/orders/${lyonOrder.id}/cancel`).set(valence.dispatcher.auth).send({ reason: 'x' }).expect(404);
      const listed = await api.http.get('/api/v1/orders?limit=200').set(valence.dispatcher.auth).expect(200);
      expect(listed.body.items.some((order: { id: string }) => order.id === lyonOrder.id)).toBe(false);
    });

    it('shows a courier no order that is not theirs', async () => {
      const order = (await place(valence, orderBody(valence.center)).expect(201)).body;
      await api.http.get(`/api/v1/orders/${order.id}`).set(valence.courier.auth).expect(404);
      const listed = await api.http.get('/api/v1/orders').set(valence.courier.auth).expect(200);
      expect(listed.body.items).toEqual([]);
    });
  });

  it('lets a merchant cancel a waiting order once, with the reason in the history', async () => {
    const order = (await place(valence, orderBody(valence.center)).expect(201)).body;
    const cancelled = await api.http.post(`/api/v1/orders/${order.id}/cancel`).set(valence.merchantUser.auth).send({ reason: 'customer left' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'customer left' });
    expect(cancelled.body.events.map((event: { status: string }) => event.status)).toEqual(['pending', 'cancelled']);
    const again = await api.http.post(`/api/v1/orders/${order.id}/cancel`).set(valence.merchantUser.auth).send({ reason: 'again' }).expect(409);
    expect(again.body.code).toBe('too_late_to_cancel');
  });
});
