import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Tokens } from '@lib/auth';
import { CoopFixture, orderBody, VALENCE } from '@lib/testing';
import { Courier } from '../support/factories';
import { bootSystem, TestSystem } from '../support/system';
import { Answer, keepAliveClient } from './support/http-client';
import { isProblem } from './support/problems';
import { report } from './support/report';

jest.setTimeout(60_000);

const ACCEPT_ROUNDS = 100;
const COURIERS = 50;
/** The offered courier's phone retries its accept this many extra times within the race. */
const DUPLICATE_ACCEPTS = 1;
const ASSIGN_ROUNDS = 100;
const CANCEL_ROUNDS = 100;
const INTAKE_ROUNDS = 10;
/** Concurrent requests per intake round: more than the API's pool of 10 connections. */
const INTAKE_CONCURRENCY = 25;
/**
 * The short races (three requests) run this many rounds at a time, each on its own order, so
 * the API and PostgreSQL stay busy. The 50-courier rounds run one after the other: their
 * losers wait on the order's row lock holding pooled connections, so rounds side by side only
 * queue for the pool (measured: one at a time was fastest, four at once a third slower).
 */
const ROUNDS_AT_ONCE = 4;

/** Runs `count` tasks, `width` at a time. */
async function inBatches<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  }));
  return results;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed + 1;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** What the races must never produce, counted over every answer. */
interface Tally {
  answers: number;
  serverErrors: string[];
  /** 409 `concurrent_change`: the problem filter's name for a deadlock or serialization failure. */
  concurrentChanges: string[];
  unexpected: string[];
}

const newTally = (): Tally => ({ answers: 0, serverErrors: [], concurrentChanges: [], unexpected: [] });

function tallyAnswers(tally: Tally, label: string, responses: Answer[]): void {
  for (const response of responses) {
    tally.answers += 1;
    const line = `${label}: ${response.status} ${response.text.slice(0, 160)}`;
    if (response.status >= 500) tally.serverErrors.push(line);
    else if (response.body?.code === 'concurrent_change') tally.concurrentChanges.push(line);
    else if (response.status >= 400 && !isProblem(response)) tally.unexpected.push(`${line} (not problem+json)`);
  }
}

/**
 * The races of issue 18 at volume: 100 rounds of 50 couriers accepting one offer, a
 * dispatcher's assignment racing the offered courier's accept, a merchant's cancellation
 * racing the courier's pickup, and concurrent idempotent intake. One winner, the rest 409,
 * never two holders, never a deadlock or a 500. The racing requests all go through the HTTP
 * API; offers are prepared with the owner connection (the dispatcher process, which would
 * make them, is not running: no decision can interfere with a round).
 */
describe('races at volume', () => {
  let system: TestSystem;
  let owner: Client;
  let coop: CoopFixture;
  let couriers: Courier[];
  let deadlocksAtStart: number;
  const totals = newTally();

  let client: ReturnType<typeof keepAliveClient>;
  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await owner.query(text, values)).rows as T[];
  const deadlocks = async () => (await sql<{ n: number }>(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`))[0].n;

  /**
   * Waiting orders for the rounds: one placed through the API as a shop does, the others
   * copies of it made with the owner connection (each with its own id, tracking token and
   * first event), which takes milliseconds where placing hundreds through the API takes seconds.
   */
  async function placeOrders(count: number): Promise<{ id: string }[]> {
    const placed = await client.post('/api/v1/orders', { ...coop.merchantUser.auth, 'Idempotency-Key': randomUUID() }, orderBody(coop.center));
    if (placed.status !== 201) throw new Error(`placing an order: ${placed.status} ${placed.text}`);
    const columns = (await sql<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = 'orders' AND column_name NOT IN ('id', 'tracking_token', 'delivery_pin', 'created_at', 'updated_at')`,
    )).map((column) => column.name).join(', ');
    const copies = await sql<{ id: string }>(
      `WITH copies AS (
         INSERT INTO orders (${columns}, tracking_token)
         SELECT ${columns}, md5(random()::text || n::text) FROM orders, generate_series(1, $2) AS n WHERE id = $1
         RETURNING id, cooperative_id, created_by),
       events AS (INSERT INTO order_events (cooperative_id, order_id, status, actor) SELECT cooperative_id, id, 'pending', created_by FROM copies)
       SELECT id FROM copies`,
      [placed.body.id, count - 1],
    );
    return [{ id: placed.body.id }, ...copies];
  }

  /**
   * A courier of the co-op, created through the API; its token is signed by the API's own
   * Tokens service rather than by a login (as e2e/tracking/support/fixtures does), which
   * keeps fifty couriers cheap.
   */
  async function newCourier(): Promise<Courier> {
    const name = `courier ${randomUUID().slice(0, 6)}`;
    const created = await client.post('/api/v1/users', coop.admin.auth, { email: `${randomUUID()}@test.example`, password: 'password-1234', name, role: 'courier', courier: { vehicle: 'bike', capacity: 20 } });
    if (created.status !== 201) throw new Error(`creating a courier: ${created.status} ${created.text}`);
    const courierId: string = created.body.courier.id;
    const token = system.apiApp.app.get(Tokens).issue({ userId: created.body.id, role: 'courier', cooperativeId: coop.cooperative.id, name, courierId });
    return { token, user: { id: created.body.id, role: 'courier', cooperativeId: coop.cooperative.id, name, courierId }, auth: { Authorization: `Bearer ${token}` }, courierId };
  }

  /** Offers a pending order to a courier as a dispatch decision does (order `offered`, one open offer). */
  async function offer(orderId: string, courierId: string): Promise<string> {
    const [row] = await sql<{ id: string }>(
      `WITH o AS (UPDATE orders SET status = 'offered', updated_at = now() WHERE id = $1 AND status = 'pending' RETURNING id, cooperative_id),
            e AS (INSERT INTO order_events (cooperative_id, order_id, status, actor, detail)
                  SELECT cooperative_id, id, 'offered', 'system:dispatch', jsonb_build_object('courierId', $2::text) FROM o)
       INSERT INTO offers (cooperative_id, order_id, courier_id, expires_at)
       SELECT cooperative_id, id, $2::uuid, now() + interval '10 minutes' FROM o RETURNING id`,
      [orderId, courierId],
    );
    if (!row) throw new Error(`order ${orderId} was not pending`);
    return row.id;
  }

  /** Who holds the order according to the database, and how many times it was handed over. */
  async function holdersOf(orderId: string) {
    const [row] = await sql<{ status: string; courier_id: string | null; accepted: number; open: number; assigned_events: number; picked_events: number; cancelled_events: number }>(
      `SELECT o.status, o.courier_id,
              (SELECT count(*)::int FROM offers f WHERE f.order_id = o.id AND f.status = 'accepted') AS accepted,
              (SELECT count(*)::int FROM offers f WHERE f.order_id = o.id AND f.status = 'open') AS open,
              (SELECT count(*)::int FROM order_events e WHERE e.order_id = o.id AND e.status = 'assigned') AS assigned_events,
              (SELECT count(*)::int FROM order_events e WHERE e.order_id = o.id AND e.status = 'picked_up') AS picked_events,
              (SELECT count(*)::int FROM order_events e WHERE e.order_id = o.id AND e.status = 'cancelled') AS cancelled_events
       FROM orders o WHERE o.id = $1`,
      [orderId],
    );
    return row;
  }

  beforeAll(async () => {
    // The API alone: no dispatcher deciding or expiring offers behind the rounds.
    system = await bootSystem({ dispatchers: 0 });
    // Listening once, so thousands of racing requests share one server instead of one each.
    await system.apiApp.app.listen(0, '127.0.0.1');
    client = keepAliveClient((await system.apiApp.app.getUrl()).replace('[::1]', '127.0.0.1'));
    owner = new Client({ connectionString: system.databaseUrl });
    await owner.connect();
    deadlocksAtStart = await deadlocks();
    coop = await system.api.newCooperative(VALENCE, { dispatchMode: 'manual' });
    const others = await inBatches(COURIERS - 1, 6, () => newCourier());
    couriers = [coop.courier, ...others];
  });
  afterAll(async () => {
    client?.close();
    await owner?.end();
    await system?.close();
  });

  function mergeInto(tally: Tally): void {
    totals.answers += tally.answers;
    totals.serverErrors.push(...tally.serverErrors);
    totals.concurrentChanges.push(...tally.concurrentChanges);
    totals.unexpected.push(...tally.unexpected);
  }

  it(`gives each of ${ACCEPT_ROUNDS} rounds of ${COURIERS} couriers accepting one offer exactly one holder, the rest 409`, async () => {
    const orders = await placeOrders(ACCEPT_ROUNDS);
    const tally = newTally();
    const wrongRounds: string[] = [];
    let doubleHolders = 0;
    const started = Date.now();
    await inBatches(ACCEPT_ROUNDS, 1, async (round) => {
      const offered = couriers[round % COURIERS];
      const order = orders[round];
      const offerId = await offer(order.id, offered.courierId);
      const contenders = shuffled([...couriers, ...Array<Courier>(DUPLICATE_ACCEPTS).fill(offered)], round);
      const answers = await Promise.all(contenders.map((courier) => client.post(`/api/v1/offers/${offerId}/accept`, courier.auth)));
      tallyAnswers(tally, `round ${round} accept`, answers);
      const winners = answers.filter((answer) => answer.status === 200);
      const conflicts = answers.filter((answer) => answer.status === 409 && answer.body.code === 'offer_not_available');
      const state = await holdersOf(order.id);
      const twoHolders = state.accepted > 1 || state.assigned_events > 1;
      if (twoHolders) doubleHolders += 1;
      if (winners.length !== 1 || conflicts.length !== contenders.length - 1 || winners[0].body.courierId !== offered.courierId
        || state.status !== 'assigned' || state.courier_id !== offered.courierId || state.accepted !== 1 || state.open !== 0 || twoHolders) {
        wrongRounds.push(`round ${round}: ${winners.length} winners, ${conflicts.length} offer_not_available of ${contenders.length}, statuses ${[...new Set(answers.map((answer) => answer.status))].join('/')}, database ${JSON.stringify(state)}`);
      }
    });
    mergeInto(tally);
    report(`accept race (${COURIERS} couriers, the offered one accepting ${1 + DUPLICATE_ACCEPTS} times)`, {
      'rounds run': ACCEPT_ROUNDS,
      'accept requests': tally.answers,
      'rounds with two holders': doubleHolders,
      'rounds not exactly one 200 and the rest 409': wrongRounds.length,
      '5xx': tally.serverErrors.length,
      '409 concurrent_change': tally.concurrentChanges.length,
      'seconds': ((Date.now() - started) / 1000).toFixed(1),
    }, [...wrongRounds, ...tally.serverErrors, ...tally.concurrentChanges, ...tally.unexpected]);
    expect(doubleHolders).toBe(0);
    expect(wrongRounds).toEqual([]);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.concurrentChanges).toEqual([]);
    expect(tally.unexpected).toEqual([]);
    // 5,100 requests: about 30 s on 2 cores shared with other work, more under heavier load.
  }, 120_000);

  it(`lets either two dispatchers or the offered courier win, never two, in ${ASSIGN_ROUNDS} rounds`, async () => {
    const orders = await placeOrders(ASSIGN_ROUNDS);
    const tally = newTally();
    const wrongRounds: string[] = [];
    const wins = { courier: 0, dispatcher: 0, admin: 0 };
    let doubleHolders = 0;
    await inBatches(ASSIGN_ROUNDS, ROUNDS_AT_ONCE, async (round) => {
      const [offered, byDispatcher, byAdmin] = [couriers[round % COURIERS], couriers[(round + 7) % COURIERS], couriers[(round + 19) % COURIERS]];
      const order = orders[round];
      const offerId = await offer(order.id, offered.courierId);
      const racers: [keyof typeof wins, string, () => Promise<Answer>][] = shuffled([
        ['courier', offered.courierId, () => client.post(`/api/v1/offers/${offerId}/accept`, offered.auth)],
        ['dispatcher', byDispatcher.courierId, () => client.post(`/api/v1/orders/${order.id}/assign`, coop.dispatcher.auth, { courierId: byDispatcher.courierId })],
        ['admin', byAdmin.courierId, () => client.post(`/api/v1/orders/${order.id}/assign`, coop.admin.auth, { courierId: byAdmin.courierId })],
      ], round);
      const answers = await Promise.all(racers.map(([, , send]) => send()));
      tallyAnswers(tally, `round ${round} assign/accept`, answers);
      const winners = racers.filter((_, index) => answers[index].status === 200);
      const state = await holdersOf(order.id);
      const twoHolders = state.assigned_events > 1 || state.accepted > 1;
      if (twoHolders) doubleHolders += 1;
      const winner = winners[0];
      if (winner) wins[winner[0]] += 1;
      if (winners.length !== 1 || answers.filter((answer) => answer.status === 409).length !== 2 || twoHolders
        || state.status !== 'assigned' || state.courier_id !== winner?.[1] || state.open !== 0 || state.accepted !== (winner?.[0] === 'courier' ? 1 : 0)) {
        wrongRounds.push(`round ${round}: statuses ${answers.map((answer) => answer.status).join('/')}, database ${JSON.stringify(state)}`);
      }
    });
    mergeInto(tally);
    report('assign vs accept (a dispatcher and a co-op admin assigning, the offered courier accepting)', {
      'rounds run': ASSIGN_ROUNDS,
      'won by the courier / the dispatcher / the admin': `${wins.courier} / ${wins.dispatcher} / ${wins.admin}`,
      'rounds with two holders': doubleHolders,
      'rounds not exactly one 200 and two 409': wrongRounds.length,
      '5xx': tally.serverErrors.length,
      '409 concurrent_change': tally.concurrentChanges.length,
    }, [...wrongRounds, ...tally.serverErrors, ...tally.concurrentChanges, ...tally.unexpected]);
    expect(doubleHolders).toBe(0);
    expect(wrongRounds).toEqual([]);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.concurrentChanges).toEqual([]);
  });

  it(`lets either the merchant's cancellation or the courier's pickup win, never both, in ${CANCEL_ROUNDS} rounds`, async () => {
    const orders = await placeOrders(CANCEL_ROUNDS);
    const tally = newTally();
    const wrongRounds: string[] = [];
    const wins = { cancel: 0, pickup: 0 };
    await inBatches(CANCEL_ROUNDS, ROUNDS_AT_ONCE, async (round) => {
      const holder = couriers[round % COURIERS];
      const order = orders[round];
      expect((await client.post(`/api/v1/orders/${order.id}/assign`, coop.dispatcher.auth, { courierId: holder.courierId })).status).toBe(200);
      // The courier's app sends its pickup twice (a retry on a flaky connection).
      const racers: ['cancel' | 'pickup', () => Promise<Answer>][] = shuffled([
        ['cancel', () => client.post(`/api/v1/orders/${order.id}/cancel`, coop.merchantUser.auth, { reason: `race ${round}` })],
        ['pickup', () => client.post(`/api/v1/orders/${order.id}/pickup`, holder.auth)],
        ['pickup', () => client.post(`/api/v1/orders/${order.id}/pickup`, holder.auth)],
      ], round);
      const answers = await Promise.all(racers.map(([, send]) => send()));
      tallyAnswers(tally, `round ${round} cancel/pickup`, answers);
      const winners = racers.filter((_, index) => answers[index].status === 200).map(([kind]) => kind);
      const state = await holdersOf(order.id);
      if (winners.length === 1) wins[winners[0]] += 1;
      const expected = winners[0] === 'cancel' ? { status: 'cancelled', picked_events: 0, cancelled_events: 1 } : { status: 'picked_up', picked_events: 1, cancelled_events: 0 };
      if (winners.length !== 1 || answers.filter((answer) => answer.status === 409).length !== 2
        || state.status !== expected.status || state.picked_events !== expected.picked_events || state.cancelled_events !== expected.cancelled_events || state.courier_id !== holder.courierId) {
        wrongRounds.push(`round ${round}: ${racers.map(([kind], index) => `${kind} ${answers[index].status}`).join(', ')}; database ${JSON.stringify(state)}`);
      }
    });
    mergeInto(tally);
    report('cancel vs pickup (the merchant cancelling, the holder picking up twice)', {
      'rounds run': CANCEL_ROUNDS,
      'won by the cancellation / the pickup': `${wins.cancel} / ${wins.pickup}`,
      'rounds not exactly one 200 and two 409 (or both applied)': wrongRounds.length,
      '5xx': tally.serverErrors.length,
      '409 concurrent_change': tally.concurrentChanges.length,
    }, [...wrongRounds, ...tally.serverErrors, ...tally.concurrentChanges, ...tally.unexpected]);
    expect(wrongRounds).toEqual([]);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.concurrentChanges).toEqual([]);
  });

  describe('concurrent idempotent intake', () => {
    const intake = (key: string, body: object) => client.post('/api/v1/orders', { ...coop.merchantUser.auth, 'Idempotency-Key': key }, body);
    const ordersWithReference = async (reference: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE reference = $1`, [reference]))[0].n;

    it(`creates one order from ${INTAKE_CONCURRENCY} concurrent requests with one key, and answers each with the same 201`, async () => {
      const tally = newTally();
      const wrongRounds: string[] = [];
      for (let round = 0; round < INTAKE_ROUNDS; round += 1) {
        const key = randomUUID();
        const reference = `intake-${key}`;
        const body = orderBody(coop.center, { reference });
        const answers = await Promise.all(Array.from({ length: INTAKE_CONCURRENCY }, () => intake(key, body)));
        tallyAnswers(tally, `intake round ${round}`, answers);
        const created = await ordersWithReference(reference);
        const bodies = new Set(answers.map((answer) => answer.text));
        // The contract: the same key and body get "the original response again": one 201, replayed.
        if (created !== 1 || answers.some((answer) => answer.status !== 201) || bodies.size !== 1) {
          wrongRounds.push(`round ${round}: ${created} orders, statuses ${answers.map((answer) => answer.status).join('/')}, ${bodies.size} distinct bodies`);
        }
      }
      mergeInto(tally);
      report('concurrent idempotent intake (same key, same body)', {
        'rounds run': INTAKE_ROUNDS,
        'requests per round': INTAKE_CONCURRENCY,
        'rounds without exactly one order and identical 201s': wrongRounds.length,
        '5xx': tally.serverErrors.length,
      }, [...wrongRounds, ...tally.serverErrors, ...tally.concurrentChanges]);
      expect(wrongRounds).toEqual([]);
      expect(tally.serverErrors).toEqual([]);
    });

    it('answers 409 idempotency_key_reused to every concurrent request with the key but another body, and creates one order', async () => {
      const tally = newTally();
      const wrongRounds: string[] = [];
      for (let round = 0; round < INTAKE_ROUNDS; round += 1) {
        const key = randomUUID();
        // Half the requests send one body, half another: whichever commits first wins its body.
        const bodies = [orderBody(coop.center, { reference: `first-${key}` }), orderBody(coop.center, { reference: `second-${key}` })];
        const sent = Array.from({ length: INTAKE_CONCURRENCY }, (_, index) => bodies[index % 2]);
        const answers = await Promise.all(sent.map((body) => intake(key, body)));
        tallyAnswers(tally, `mismatch round ${round}`, answers);
        const created = (await ordersWithReference(`first-${key}`)) + (await ordersWithReference(`second-${key}`));
        const winners = answers.filter((answer) => answer.status === 201);
        const winningReference = winners[0]?.body.reference;
        const consistent = answers.every((answer, index) =>
          (answer.status === 201 && sent[index].reference === winningReference && answer.text === winners[0].text)
          || (answer.status === 409 && answer.body.code === 'idempotency_key_reused' && sent[index].reference !== winningReference));
        if (created !== 1 || !winners.length || !consistent) {
          wrongRounds.push(`round ${round}: ${created} orders, ${answers.map((answer, index) => `${sent[index].reference.slice(0, 5)}:${answer.status}`).join(' ')}`);
        }
      }
      mergeInto(tally);
      report('concurrent idempotent intake (same key, two bodies)', {
        'rounds run': INTAKE_ROUNDS,
        'requests per round': INTAKE_CONCURRENCY,
        'rounds without one order, its body replayed and the other body 409': wrongRounds.length,
        '5xx': tally.serverErrors.length,
      }, [...wrongRounds, ...tally.serverErrors, ...tally.concurrentChanges]);
      expect(wrongRounds).toEqual([]);
      expect(tally.serverErrors).toEqual([]);
    });
  });

  it('met no deadlock and no 500 in all of the races above', async () => {
    // PostgreSQL counts a deadlock where it is detected and publishes the count within a
    // second of that connection going idle.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const detected = (await deadlocks()) - deadlocksAtStart;
    report('races, all', {
      'answers': totals.answers,
      '5xx': totals.serverErrors.length,
      '409 concurrent_change (a deadlock or serialization failure)': totals.concurrentChanges.length,
      'deadlocks counted by PostgreSQL (pg_stat_database)': detected,
      'error answers not problem+json': totals.unexpected.length,
    }, [...totals.serverErrors, ...totals.concurrentChanges, ...totals.unexpected]);
    expect(detected).toBe(0);
    expect(totals.serverErrors).toEqual([]);
    expect(totals.concurrentChanges).toEqual([]);
    expect(totals.unexpected).toEqual([]);
  });
});
