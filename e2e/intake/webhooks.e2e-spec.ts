import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { CoopFixture, orderBody, VALENCE } from '@lib/testing';
import { placeOrder } from '../support/couriers';
import { bootSystem, eventually, TestSystem } from '../support/system';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP receiver: fails the first `failures` requests with 500, then answers 204. */
async function receiver(failures: number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = received.length <= failures ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks`, received, server };
}

function verify(secret: string, header: string, body: string): boolean {
  const [t, v1] = header.split(',').map((part) => part.split('=')[1]);
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') === v1;
}

describe('webhooks', () => {
  let system: TestSystem;
  let coop: CoopFixture;

  beforeAll(async () => {
    system = await bootSystem();
    coop = await system.api.newCooperative(VALENCE);
  });
  afterAll(() => system.close());

  it('delivers a signed event with the full order, retries after a 500 and logs every attempt', async () => {
    const hook = await receiver(1);
    try {
      const created = await system.api.http
        .post('/api/v1/webhooks')
        .set(coop.merchantUser.auth)
        .send({ url: hook.url, events: ['order.created', 'order.cancelled'] })
        .expect(201);
      expect(created.body.secret).toMatch(/^whsec_/);
      const order = await placeOrder(system.api, coop, orderBody(coop.center));

      await eventually('a retried delivery', async () => hook.received.length >= 2, 20_000);
      const [first, second] = hook.received;
      expect(second.body).toBe(first.body);
      expect(verify(created.body.secret, String(second.headers['x-signature']), second.body)).toBe(true);
      expect(verify('whsec_wrong', String(second.headers['x-signature']), second.body)).toBe(false);
      const event = JSON.parse(second.body);
      expect(event).toMatchObject({ id: expect.any(String), type: 'order.created', createdAt: expect.any(String), data: { order: { id: order.id, status: 'pending' } } });
      expect(event.data.order.dropoff.location).toEqual(expect.objectContaining({ lat: expect.any(Number) }));

      const deliveries = await eventually('the attempts to be listed', async () => {
        const listed = await system.api.http.get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(coop.merchantUser.auth).expect(200);
        const delivery = listed.body.items[0];
        return delivery?.status === 'succeeded' ? listed.body : undefined;
      });
      expect(deliveries.items[0].attemptLog.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 204]);
    } finally {
      hook.server.close();
    }
  });

  it("keeps a merchant's subscriptions and deliveries from other merchants and co-ops", async () => {
    const hook = await receiver(0);
    try {
      const created = await system.api.http.post('/api/v1/webhooks').set(coop.merchantUser.auth).send({ url: hook.url, events: ['order.cancelled'] }).expect(201);
      const other = await system.api.newCooperative(VALENCE);
      await system.api.http.get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(other.merchantUser.auth).expect(404);
      await system.api.http.get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(other.admin.auth).expect(404);
      const listed = await system.api.http.get('/api/v1/webhooks').set(other.admin.auth).expect(200);
      expect(listed.body.items).toEqual([]);
    } finally {
      hook.server.close();
    }
  });

  it('refuses to send to a private network unless the deployment allows it', async () => {
    const guarded = await bootSystem({ overrides: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' } });
    const hook = await receiver(0);
    try {
      const guardedCoop = await guarded.api.newCooperative(VALENCE);
      const created = await guarded.api.http.post('/api/v1/webhooks').set(guardedCoop.merchantUser.auth).send({ url: hook.url, events: ['order.created'] }).expect(201);
      await placeOrder(guarded.api, guardedCoop, orderBody(guardedCoop.center));
      const delivery = await eventually('the delivery to be refused', async () => {
        const listed = await guarded.api.http.get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(guardedCoop.merchantUser.auth).expect(200);
        return listed.body.items[0]?.status === 'failed' ? listed.body.items[0] : undefined;
      });
      expect(delivery.attemptLog).toEqual([expect.objectContaining({ statusCode: null, error: expect.stringMatching(/destination refused: .*loopback/) })]);
      expect(hook.received).toEqual([]);
    } finally {
      hook.server.close();
      await guarded.close();
    }
  });

  it('refuses a subscription to an unknown event or a non-http URL', async () => {
    const response = await system.api.http.post('/api/v1/webhooks').set(coop.admin.auth).send({ url: 'ftp://x', events: ['order.exploded'] }).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['events', 'url']);
  });
});
