import { Client } from 'pg';
import { CoopFixture, orderBody, VALENCE } from '@lib/testing';
import { courierAt, eastOf, moveCourier, placeOrder } from '../support/factories';
import { LocalRedis } from '../support/local-redis';
import { bootSystem, eventually, TestSystem } from '../support/system';

/** No accepted order is lost when Redis goes away: the outbox holds it until Redis is back. */
describe('transactional outbox through a Redis outage', () => {
  let redis: LocalRedis;
  let system: TestSystem;
  let owner: Client;
  let coop: CoopFixture;

  beforeAll(async () => {
    redis = await LocalRedis.start();
    system = await bootSystem({ overrides: { REDIS_URL: redis.url } });
    owner = new Client({ connectionString: system.databaseUrl });
    await owner.connect();
    coop = await system.api.newCooperative(VALENCE);
    await courierAt(system, coop, coop.courier, eastOf(coop.merchant.location, 300));
  });
  afterAll(async () => {
    await owner.end();
    await redis.start();
    await system.close();
    await redis.kill();
  });

  it('accepts an order while Redis is down and dispatches it once Redis is back', async () => {
    await redis.kill();
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    expect(order.status).toBe('pending');
    // The dispatch event waits in PostgreSQL; the relay keeps trying.
    await eventually('a failed publish attempt', async () => {
      const { rows } = await owner.query(`SELECT published_at, attempts FROM outbox WHERE payload->>'orderId' = $1`, [order.id]);
      return rows[0] && rows[0].published_at === null && rows[0].attempts > 0;
    });

    await redis.start();
    // A restarted Redis kept nothing: the courier's app sends its position again.
    await moveCourier(system, coop, coop.courier.courierId, eastOf(coop.merchant.location, 300));
    const offered = await eventually(
      'the order to be offered after Redis came back',
      async () => {
        const current = await system.api.http.get(`/api/v1/orders/${order.id}`).set(coop.dispatcher.auth);
        return current.body.status === 'offered' ? current.body : undefined;
      },
      30_000,
    );
    expect(offered.status).toBe('offered');
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM offers WHERE order_id = $1`, [order.id]);
    expect(rows[0].n).toBe(1);
  });
});
