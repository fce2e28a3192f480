import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { CoopFixture, orderBody, VALENCE } from '@lib/testing';
import { placeOrder } from '../support/factories';
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
    // The receivers listen on 127.0.0.1; the refusals below boot systems of their own.
    system = await bootSystem({ overrides: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
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

  it('refuses a subscription to a loopback, link-local or private destination, literal or by name, and stores nothing', async () => {
    const guarded = await bootSystem({ dispatchers: 0, overrides: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' } });
    const hook = await receiver(0);
    try {
      const guardedCoop = await guarded.api.newCooperative(VALENCE);
      const refusals: [string, RegExp][] = [
        [hook.url, /^127\.0\.0\.1 is not a public address \(loopback\)$/],
        ['http://169.254.169.254/latest/meta-data', /^169\.254\.169\.254 is not a public address \(linkLocal\)$/],
        ['http://[::1]/hooks', /^::1 is not a public address \(loopback\)$/],
        ['http://localhost/hooks', /^localhost resolves to (127\.0\.0\.1|::1), not a public address \(loopback\)$/],
        ['http://[::ffff:10.0.0.7]/hooks', /^::ffff:a00:7 is not a public address \(private\)$/],
        ['http://0.0.0.0:8080/hooks', /unspecified/],
        // Spellings the HTTP client would read as 127.0.0.1; URL validation already refuses them.
        ['http://2130706433/hooks', /./],
        ['http://0x7f.1/hooks', /./],
      ];
      for (const [url, reason] of refusals) {
        const response = await guarded.api.http.post('/api/v1/webhooks').set(guardedCoop.merchantUser.auth).send({ url, events: ['order.created'] });
        expect({ url, status: response.status }).toEqual({ url, status: 400 });
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 400, code: 'invalid_input', errors: [{ field: 'url', message: expect.stringMatching(reason) }] });
      }
      // Credentials are checked before any DNS lookup is made on the caller's behalf.
      await guarded.api.http.post('/api/v1/webhooks').send({ url: 'http://localhost/hooks', events: ['order.created'] }).expect(401);

      const listed = await guarded.api.http.get('/api/v1/webhooks').set(guardedCoop.admin.auth).expect(200);
      expect(listed.body.items).toEqual([]);

      const publicOne = await guarded.api.http.post('/api/v1/webhooks').set(guardedCoop.merchantUser.auth).send({ url: 'https://93.184.215.14/hooks', events: ['order.cancelled'] }).expect(201);
      const after = await guarded.api.http.get('/api/v1/webhooks').set(guardedCoop.admin.auth).expect(200);
      expect(after.body.items.map((item: { id: string }) => item.id)).toEqual([publicOne.body.id]);
    } finally {
      hook.server.close();
      await guarded.close();
    }
  });

  it('accepts the same destinations when the deployment allows private networks', async () => {
    const hook = await receiver(0);
    try {
      const allowing = await system.api.newCooperative(VALENCE);
      for (const url of [hook.url, 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hooks', 'http://localhost/hooks']) {
        await system.api.http.post('/api/v1/webhooks').set(allowing.merchantUser.auth).send({ url, events: ['order.cancelled'] }).expect(201);
      }
      const listed = await system.api.http.get('/api/v1/webhooks').set(allowing.admin.auth).expect(200);
      expect(listed.body.items).toHaveLength(4);
    } finally {
      hook.server.close();
    }
  });

  it('refuses at connect time a destination that became private after it was subscribed (DNS rebinding)', async () => {
    // The API allows private networks (as if the name had resolved publicly when subscribing);
    // the dispatcher does not, and must refuse on the address it is about to connect to.
    const rebinding = await bootSystem({ dispatchers: 0, overrides: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
    const hook = await receiver(0);
    try {
      await rebinding.addDispatcher({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
      const rebindingCoop = await rebinding.api.newCooperative(VALENCE);
      const created = await rebinding.api.http.post('/api/v1/webhooks').set(rebindingCoop.merchantUser.auth).send({ url: hook.url, events: ['order.created'] }).expect(201);
      await placeOrder(rebinding.api, rebindingCoop, orderBody(rebindingCoop.center));
      const delivery = await eventually('the delivery to be refused', async () => {
        const listed = await rebinding.api.http.get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(rebindingCoop.merchantUser.auth).expect(200);
        return listed.body.items[0]?.status === 'failed' ? listed.body.items[0] : undefined;
      });
      expect(delivery.attemptLog).toEqual([expect.objectContaining({ statusCode: null, error: expect.stringMatching(/destination refused: .*loopback/) })]);
      expect(hook.received).toEqual([]);
    } finally {
      hook.server.close();
      await rebinding.close();
    }
  });

  it('refuses a subscription to an unknown event or a non-http URL', async () => {
    const response = await system.api.http.post('/api/v1/webhooks').set(coop.admin.auth).send({ url: 'ftp://x', events: ['order.exploded'] }).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['events', 'url']);
  });
});
