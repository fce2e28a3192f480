import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { redisOptions } from '@lib/queues';
import { orderBody, VALENCE } from '@lib/testing';
import { Courier, courierAt, dispatchView, eastOf, northOf, placeOrder } from '../support/factories';
import { bootSystem, eventually, TestSystem } from '../support/system';

/**
 * A dispatch worker that takes one job and never finishes it. It shares the production
 * workers' stalled-check interval: BullMQ runs one check per queue per interval, whoever set it.
 */
const doomedWorker = `
  const { Worker } = require('bullmq');
  new Worker('dispatch', () => { process.stdout.write('taken'); return new Promise(() => {}); },
    { connection: JSON.parse(process.env.QUEUE_CONNECTION), prefix: process.env.QUEUE_PREFIX, lockDuration: 2000, stalledInterval: 5000 });
`;

/** Exactly one holder, whatever races: couriers, dispatchers and several dispatcher workers. */
describe('dispatch under races', () => {
  describe('with two dispatcher workers', () => {
    let system: TestSystem;
    let owner: Client;

    beforeAll(async () => {
      system = await bootSystem({ dispatchers: 2 });
      owner = new Client({ connectionString: system.databaseUrl });
      await owner.connect();
    });
    afterAll(async () => {
      await owner.end();
      await system.close();
    });

    it('gives a 50-courier accept race exactly one winner and 49 conflicts', async () => {
      const coop = await system.api.newCooperative(VALENCE);
      const view = dispatchView(system, coop);
      const couriers: Courier[] = [];
      for (let i = 0; i < 50; i += 1) {
        const courier = await system.api.newCourier(coop.admin);
        await courierAt(system, coop, courier, eastOf(coop.merchant.location, 300 + i * 40));
        couriers.push(courier);
      }
      const order = await placeOrder(system.api, coop, orderBody(coop.center));
      const offer = await view.nextOffer(order.id);
      const answers = await Promise.all(couriers.map((courier) => system.api.http.post(`/api/v1/offers/${offer.id}/accept`).set(courier.auth)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      const final = await view.orderOf(order.id);
      expect(final).toMatchObject({ status: 'assigned', courierId: offer.courierId });
    });

    it('lets either a dispatcher or the offered courier win, never both', async () => {
      const coop = await system.api.newCooperative(VALENCE);
      const view = dispatchView(system, coop);
      const offered = coop.courier;
      await courierAt(system, coop, offered, eastOf(coop.merchant.location, 300));
      const other = await system.api.newCourier(coop.admin);
      for (let round = 0; round < 5; round += 1) {
        const order = await placeOrder(system.api, coop, orderBody(coop.center));
        const offer = await view.nextOffer(order.id);
        const [accept, assign] = await Promise.all([
          system.api.http.post(`/api/v1/offers/${offer.id}/accept`).set(offered.auth),
          system.api.http.post(`/api/v1/orders/${order.id}/assign`).set(coop.dispatcher.auth).send({ courierId: other.courierId }),
        ]);
        expect([accept.status, assign.status].sort()).toEqual([200, 409]);
        const final = await view.orderOf(order.id);
        expect(final.courierId).toBe(accept.status === 200 ? offered.courierId : other.courierId);
        await system.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(coop.dispatcher.auth).send({ reason: 'test round over' }).expect(200);
      }
    });

    it('never has two offers out for one order nor a courier over capacity, with two workers deciding', async () => {
      const coop = await system.api.newCooperative(VALENCE);
      const couriers: Courier[] = [];
      for (let i = 0; i < 4; i += 1) {
        const courier = await system.api.newCourier(coop.admin, { vehicle: 'bike', capacity: 1 });
        await courierAt(system, coop, courier, northOf(coop.merchant.location, 200 + i * 150));
        couriers.push(courier);
      }
      const orders = await Promise.all(Array.from({ length: 10 }, () => placeOrder(system.api, coop, orderBody(coop.center))));
      await eventually('four offers out', async () => {
        const { rows } = await owner.query(`SELECT count(*)::int AS n FROM offers WHERE status = 'open' AND cooperative_id = $1`, [coop.cooperative.id]);
        return rows[0].n === 4;
      });
      // Let both workers tick a few more times over the same state.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const perCourier = await owner.query(
        `SELECT courier_id, count(*)::int AS n FROM offers WHERE status = 'open' AND cooperative_id = $1 GROUP BY courier_id`,
        [coop.cooperative.id],
      );
      expect(perCourier.rows.every((row) => row.n === 1)).toBe(true);
      expect(perCourier.rows).toHaveLength(4);
      const perOrder = await owner.query(`SELECT order_id, count(*)::int AS n FROM offers WHERE order_id = ANY($1::uuid[]) GROUP BY order_id`, [orders.map((o) => o.id)]);
      expect(perOrder.rows.every((row) => row.n === 1)).toBe(true);
    });
  });

  it("completes a job whose worker died mid-way, once, after another worker takes over", async () => {
    const system = await bootSystem({ dispatchers: 0, overrides: { DISPATCH_TICK_SECONDS: '300' } });
    const owner = new Client({ connectionString: system.databaseUrl });
    await owner.connect();
    try {
      const coop = await system.api.newCooperative(VALENCE);
      await courierAt(system, coop, coop.courier, eastOf(coop.merchant.location, 300));
      const order = await placeOrder(system.api, coop, orderBody(coop.center));
      // The outbox event counts as relayed: the only way to a decision is the job below.
      await owner.query(`UPDATE outbox SET published_at = now()`);

      const config = system.apiApp.config;
      const connection = redisOptions(config, 'test') as never;
      const prefix = `${config.env.REDIS_PREFIX}:q`;
      const queue = new Queue('dispatch', { connection, prefix });
      await queue.add('decide', { cooperativeId: coop.cooperative.id, reason: 'test' }, { jobId: 'crash-test', attempts: 3 });
      // A worker process takes the job and is killed before finishing it, as a crash would.
      const doomed = spawn(process.execPath, ['-e', doomedWorker], {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, QUEUE_CONNECTION: JSON.stringify(connection), QUEUE_PREFIX: prefix },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => doomed.stdout!.on('data', (chunk) => String(chunk).includes('taken') && resolve()));
      doomed.kill('SIGKILL');
      expect(await queue.getJobState('crash-test')).toBe('active');

      await system.addDispatcher();
      const view = dispatchView(system, coop);
      const offer = await eventually('the stalled job to be decided by the new worker', () => view.openOfferOf(order.id), 30_000);
      expect(offer.courierId).toBe(coop.courier.courierId);
      await eventually('the job to complete', async () => (await queue.getJobState('crash-test')) === 'completed', 30_000);
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM offers WHERE order_id = $1`, [order.id]);
      expect(rows[0].n).toBe(1);
      await queue.close();
    } finally {
      await owner.end();
      await system.close();
    }
  });
});
