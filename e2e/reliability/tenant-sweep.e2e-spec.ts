import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { CoopFixture, LYON, orderBody, Session, squareArea, VALENCE } from '@lib/testing';
import { locationAt, placeOrder, startShift } from '../support/factories';
import { closeAllSockets, connected, nextEvent, openSocket, refused, sendLocation } from '../tracking/support/sockets';
import { bootSystem, TestSystem } from '../support/system';
import { fillPath, OpenApiOperation, operationsOf } from './support/openapi';
import { describeExchange, isProblem } from './support/problems';
import { BodyContext, plausibleBodies } from './support/route-bodies';
import { report } from './support/report';
import { RouteAccess, routeAccessMap } from './support/route-access';
import { snapshotDifferences, snapshotTenant } from './support/tenant-snapshot';

jest.setTimeout(60_000);

/** What an id in a path names, from the segment before it (`/orders/{id}` names an order). */
type Kind = 'cooperative' | 'user' | 'merchant' | 'apiKey' | 'courier' | 'order' | 'offer' | 'webhook' | 'trackingToken' | 'partnership';
const kindBySegment: Record<string, Kind> = {
  cooperatives: 'cooperative',
  users: 'user',
  merchants: 'merchant',
  'api-keys': 'apiKey',
  couriers: 'courier',
  orders: 'order',
  offers: 'offer',
  webhooks: 'webhook',
  track: 'trackingToken',
  partnerships: 'partnership',
};
/** Where each kind lives, to check that the ids swept really are co-op A's. */
const tableOf: Record<Exclude<Kind, 'trackingToken'>, string> = {
  cooperative: 'cooperatives',
  user: 'users',
  merchant: 'merchants',
  apiKey: 'merchant_api_keys',
  courier: 'couriers',
  order: 'orders',
  offer: 'offers',
  webhook: 'webhook_subscriptions',
  partnership: 'partnerships',
};

interface Caller {
  label: string;
  role: string;
  headers: Record<string, string>;
}

/** An answer without what differs from one request to the next (the correlation id, an ETA computed now). */
const comparable = (body: unknown) => JSON.stringify(body, (key, value) => (key === 'correlationId' || key === 'eta' ? undefined : value));

/**
 * The tenant sweep, generated from the OpenAPI document so a new route cannot be missed:
 * every route with an id, every verb, called on co-op A's objects with each of co-op B's
 * credentials. Only 404 (or 403 where the role may never call the route) is right, and A's
 * rows must not change.
 */
describe('tenant sweep', () => {
  let harness: TestSystem;
  let owner: Client;
  let document: { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> } };
  let a: CoopFixture;
  let b: CoopFixture;
  /** Co-op A's objects of every kind, several where their state matters (orders in each status). */
  const foreignObjects = new Map<Kind, { id: string; label: string }[]>();
  /** One object of B's own of each kind, for paths naming two ids (B's merchant, A's key). */
  const ownObjects = new Map<Kind, string>();
  const pins = new Map<string, string>();
  let bCallers: Caller[];

  const http = () => harness.api.http;
  const sql = (text: string, values?: unknown[]) => owner.query(text, values).then((result) => result.rows);

  // The order view carries its tracking link too; the shared helper types only what most tests read.
  const newOrder = async (coop: CoopFixture) => (await placeOrder(harness.api, coop, orderBody(coop.center))) as unknown as { id: string; trackingToken: string };

  async function apiKeyOf(coop: CoopFixture): Promise<{ id: string; key: string }> {
    return (await http().post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201)).body;
  }

  async function subscribe(session: Session, path: string): Promise<string> {
    const response = await http().post('/api/v1/webhooks').set(session.auth).send({ url: `http://127.0.0.1:9/${path}`, events: ['order.created', 'order.cancelled'] }).expect(201);
    return response.body.id;
  }

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 1 });
    owner = new Client({ connectionString: harness.apiApp.databaseUrl });
    await owner.connect();
    document = (await http().get('/api/docs-json').expect(200)).body;
    // Manual dispatch and no dispatcher process: nothing changes A's rows behind the sweep.
    a = await harness.api.newCooperative(VALENCE, { dispatchMode: 'manual' });
    b = await harness.api.newCooperative(LYON, { dispatchMode: 'manual' });

    const aKey = await apiKeyOf(a);
    const aWebhooks = [await subscribe(a.admin, 'a-admin'), await subscribe(a.merchantUser, 'a-merchant')];
    const [pending, offered, assigned, pickedUp, cancelled] = [await newOrder(a), await newOrder(a), await newOrder(a), await newOrder(a), await newOrder(a)];
    // An open offer to A's courier, made as the dispatcher makes one (the owner connection
    // stands in for the dispatcher process, which is not running here).
    const [offer] = await sql(
      `WITH o AS (UPDATE orders SET status = 'offered' WHERE id = $1 RETURNING id, cooperative_id)
       INSERT INTO offers (cooperative_id, order_id, courier_id, expires_at) SELECT cooperative_id, id, $2, now() + interval '1 hour' FROM o RETURNING id`,
      [offered.id, a.courier.courierId],
    );
    await http().post(`/api/v1/orders/${assigned.id}/assign`).set(a.dispatcher.auth).send({ courierId: a.courier.courierId }).expect(200);
    await http().post(`/api/v1/orders/${pickedUp.id}/assign`).set(a.dispatcher.auth).send({ courierId: a.courier.courierId }).expect(200);
    await http().post(`/api/v1/orders/${pickedUp.id}/pickup`).set(a.courier.auth).expect(200);
    await http().post(`/api/v1/orders/${cancelled.id}/cancel`).set(a.dispatcher.auth).send({ reason: 'test' }).expect(200);
    for (const row of await sql(`SELECT id, delivery_pin FROM orders WHERE cooperative_id = $1`, [a.cooperative.id])) pins.set(row.id, row.delivery_pin);

    foreignObjects.set('cooperative', [{ id: a.cooperative.id, label: 'A' }]);
    foreignObjects.set('user', [
      { id: a.admin.user.id, label: 'A admin' },
      { id: a.dispatcher.user.id, label: 'A dispatcher' },
      { id: a.courier.user.id, label: 'A courier user' },
      { id: a.merchantUser.user.id, label: 'A merchant user' },
    ]);
    foreignObjects.set('merchant', [{ id: a.merchant.id, label: 'A merchant' }]);
    foreignObjects.set('apiKey', [{ id: aKey.id, label: 'A API key' }]);
    foreignObjects.set('courier', [{ id: a.courier.courierId, label: 'A courier' }]);
    foreignObjects.set('order', [
      { id: pending.id, label: 'A order pending' },
      { id: offered.id, label: 'A order offered' },
      { id: assigned.id, label: 'A order assigned' },
      { id: pickedUp.id, label: 'A order picked_up' },
      { id: cancelled.id, label: 'A order cancelled' },
    ]);
    foreignObjects.set('offer', [{ id: offer.id, label: 'A open offer' }]);
    foreignObjects.set('webhook', [
      { id: aWebhooks[0], label: "A admin's webhook" },
      { id: aWebhooks[1], label: "A merchant's webhook" },
    ]);
    foreignObjects.set('trackingToken', [{ id: pending.trackingToken, label: 'A tracking token' }]);
    // A's partnership with a third co-op: B is no party to it.
    const c = await harness.api.newCooperative(VALENCE, { dispatchMode: 'manual' });
    const withC = (await http().post('/api/v1/partnerships').set(a.admin.auth).send({ partnerCooperativeId: c.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 5 } }).expect(201)).body;
    await http().post(`/api/v1/partnerships/${withC.id}/accept`).set(c.admin.auth).expect(200);
    foreignObjects.set('partnership', [{ id: withC.id, label: "A's partnership with C" }]);

    const bKey = await apiKeyOf(b);
    ownObjects.set('cooperative', b.cooperative.id);
    ownObjects.set('user', b.dispatcher.user.id);
    ownObjects.set('merchant', b.merchant.id);
    ownObjects.set('apiKey', bKey.id);
    ownObjects.set('courier', b.courier.courierId);
    ownObjects.set('order', (await newOrder(b)).id);
    ownObjects.set('webhook', await subscribe(b.admin, 'b-admin'));
    bCallers = [
      { label: 'B coop_admin', role: 'coop_admin', headers: b.admin.auth },
      { label: 'B dispatcher', role: 'dispatcher', headers: b.dispatcher.auth },
      { label: 'B courier', role: 'courier', headers: b.courier.auth },
      { label: 'B merchant user', role: 'merchant', headers: b.merchantUser.auth },
      { label: 'B merchant API key', role: 'merchant', headers: { 'X-Api-Key': bKey.key } },
    ];
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await owner?.end();
    await harness?.close();
  });

  /** The kind each path parameter names, or null when the sweep does not know it (a new route). */
  function kindsOf(operation: OpenApiOperation): Record<string, Kind> | null {
    const segments = operation.path.split('/');
    const kinds: Record<string, Kind> = {};
    for (const parameter of operation.pathParameters) {
      const index = segments.indexOf(`{${parameter}}`);
      const kind = index > 0 ? kindBySegment[segments[index - 1]] : undefined;
      if (!kind) return null;
      kinds[parameter] = kind;
    }
    return kinds;
  }

  /** Every way to fill the path with A's ids, and with B's own id in all but one place. */
  function substitutions(kinds: Record<string, Kind>): { values: Record<string, string>; label: string }[] {
    let combinations: { values: Record<string, string>; labels: string[]; foreign: number }[] = [{ values: {}, labels: [], foreign: 0 }];
    for (const [parameter, kind] of Object.entries(kinds)) {
      const choices = [
        ...(foreignObjects.get(kind) ?? []).map((object) => ({ id: object.id, label: object.label, foreign: 1 })),
        ...(Object.keys(kinds).length > 1 && ownObjects.has(kind) ? [{ id: ownObjects.get(kind)!, label: `B's own ${kind}`, foreign: 0 }] : []),
      ];
      combinations = combinations.flatMap((combination) =>
        choices.map((choice) => ({
          values: { ...combination.values, [parameter]: choice.id },
          labels: [...combination.labels, choice.label],
          foreign: combination.foreign + choice.foreign,
        })),
      );
    }
    return combinations.filter((combination) => combination.foreign > 0).map(({ values, labels }) => ({ values, label: labels.join(' + ') }));
  }

  function send(caller: Caller | null, verb: OpenApiOperation['verb'], url: string, body?: object): Promise<Response> {
    const method = verb.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const request = http()[method](url);
    if (caller) request.set(caller.headers);
    return body === undefined ? request : request.send(body);
  }

  /** Runs the sweep; returns its figures and every wrong answer. */
  async function sweep() {
    const access = routeAccessMap(harness.apiApp.app);
    const operations = operationsOf(document as never).filter((operation) => operation.pathParameters.length > 0);
    const failures: string[] = [];
    const routesSwept = new Set<string>();
    let requests = 0;
    let leaks = 0;
    let publicCapabilityChecks = 0;
    for (const operation of operations) {
      const route: RouteAccess | undefined = access.get(operation.key);
      const kinds = kindsOf(operation);
      if (!route) {
        failures.push(`${operation.key}: in the OpenAPI document but no controller route has this verb and path`);
        continue;
      }
      if (!kinds) {
        failures.push(`${operation.key}: no id substitution known for {${operation.pathParameters.join('}, {')}}: teach the tenant sweep this route`);
        continue;
      }
      const bodyOf = plausibleBodies[operation.key];
      if (operation.hasBody && !bodyOf) {
        failures.push(`${operation.key}: takes a body but the tenant sweep knows no plausible one for it`);
        continue;
      }
      routesSwept.add(operation.key);
      for (const substitution of substitutions(kinds)) {
        const url = fillPath(operation.path, substitution.values);
        const context: BodyContext = { values: substitution.values, own: b, pinOf: (id) => pins.get(id) };
        const attempts = bodyOf ? bodyOf(context) : [undefined];
        for (const body of attempts) {
          if (route.public) {
            // A public route whose path parameter is itself the credential (a tracking token):
            // other credentials must not change the answer, nor reveal more than the link does.
            const anonymous = await send(null, operation.verb, url, body);
            for (const caller of bCallers) {
              const response = await send(caller, operation.verb, url, body);
              requests += 1;
              publicCapabilityChecks += 1;
              if (response.status !== anonymous.status || comparable(response.body) !== comparable(anonymous.body)) {
                failures.push(`${caller.label}: ${describeExchange(`${operation.verb} ${url} (${substitution.label})`, response)} differs from the anonymous answer ${anonymous.status}`);
              }
            }
            continue;
          }
          for (const caller of bCallers) {
            const response = await send(caller, operation.verb, url, body);
            requests += 1;
            const allowed = route.roles.includes(caller.role) ? [404] : [403, 404];
            if (response.status >= 200 && response.status < 300) leaks += 1;
            if (!allowed.includes(response.status) || !isProblem(response)) {
              failures.push(`${caller.label}: ${describeExchange(`${operation.verb} ${url} ${body ? JSON.stringify(body) : ''} (${substitution.label})`, response)}; expected ${allowed.join(' or ')} problem+json`);
            }
          }
        }
      }
    }
    // A route the controllers serve but the document does not list would escape the sweep.
    const documented = new Set(operationsOf(document as never).map((operation) => operation.key));
    for (const key of access.keys()) {
      if (key.includes(' /api/') && !documented.has(key)) failures.push(`${key}: served but missing from the OpenAPI document, so the sweep cannot see it`);
    }
    // Verbs no document lists on an id path must find no route at all (404), whoever asks.
    let undocumentedVerbs = 0;
    for (const path of new Set(operations.map((operation) => operation.path))) {
      const kinds = kindsOf(operations.find((operation) => operation.path === path)!);
      if (!kinds) continue;
      const [substitution] = substitutions(kinds);
      for (const verb of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        if (documented.has(`${verb} ${path}`)) continue;
        for (const caller of bCallers) {
          const response = await send(caller, verb, fillPath(path, substitution.values), verb === 'GET' || verb === 'DELETE' ? undefined : {});
          requests += 1;
          undocumentedVerbs += 1;
          if (response.status >= 200 && response.status < 300) leaks += 1;
          if (response.status !== 404 || !isProblem(response)) failures.push(`${caller.label}: ${describeExchange(`${verb} ${path} (undocumented verb)`, response)}; expected 404 problem+json`);
        }
      }
    }
    return { failures, requests, leaks, routes: routesSwept.size, publicCapabilityChecks, undocumentedVerbs, operations: operations.length };
  }

  it('answers 404 (403 where the role never may) to every id route with every B credential, and changes none of A\'s rows', async () => {
    // The ids swept are A's own, so a 404 is isolation, not a typo.
    for (const [kind, objects] of foreignObjects) {
      if (kind === 'trackingToken') continue;
      const table = tableOf[kind];
      const column = kind === 'cooperative' ? 'id' : kind === 'partnership' ? 'proposer_cooperative_id' : 'cooperative_id';
      for (const object of objects) {
        const rows = await sql(`SELECT 1 FROM ${table} WHERE id = $1 AND ${column} = $2`, [object.id, a.cooperative.id]);
        expect({ object: object.label, found: rows.length }).toEqual({ object: object.label, found: 1 });
      }
    }
    const before = await snapshotTenant(owner, a.cooperative.id);
    const started = Date.now();
    const result = await sweep();
    const after = await snapshotTenant(owner, a.cooperative.id);
    const changes = snapshotDifferences(before, after);
    report('tenant sweep (REST)', {
      'id routes in the OpenAPI document': result.operations,
      'routes swept': result.routes,
      'B credentials': bCallers.map((caller) => caller.label).join(', '),
      'requests (route × id × body × credential)': result.requests,
      'of which public capability routes compared with anonymous': result.publicCapabilityChecks,
      'of which verbs the document does not list on an id path': result.undocumentedVerbs,
      'leaks (2xx)': result.leaks,
      'wrong answers': result.failures.length,
      "tables of A changed": changes.length,
      'seconds': ((Date.now() - started) / 1000).toFixed(1),
    }, [...result.failures, ...changes]);
    expect(result.failures).toEqual([]);
    expect(result.leaks).toBe(0);
    expect(changes).toEqual([]);
    expect(result.routes).toBe(result.operations);
  });

  it("treats A's ids inside B's bodies and filters exactly like ids that exist nowhere", async () => {
    const bOrder = ownObjects.get('order')!;
    const email = () => `probe-${randomUUID().slice(0, 8)}@test.example`;
    // Each probe is sent once with A's id and once with a random one: the answers must match.
    const probes: { label: string; caller: Caller; send: (id: string) => Promise<Response> }[] = [
      { label: "assign B's order to A's courier", caller: bCallers[1], send: (id) => http().post(`/api/v1/orders/${bOrder}/assign`).set(b.dispatcher.auth).send({ courierId: id }) },
      { label: "a merchant login for A's merchant", caller: bCallers[0], send: (id) => http().post('/api/v1/users').set(b.admin.auth).send({ email: email(), password: 'password-1234', name: 'Probe', role: 'merchant', merchantId: id }) },
      { label: "a courier profile for A's courier user", caller: bCallers[0], send: (id) => http().post('/api/v1/couriers').set(b.admin.auth).send({ userId: id, vehicle: 'bike', capacity: 2 }) },
      { label: "an order for A's merchant", caller: bCallers[1], send: (id) => http().post('/api/v1/orders').set(b.dispatcher.auth).send(orderBody(b.center, { merchantId: id, reference: 'probe' })) },
      { label: "a quote for A's merchant", caller: bCallers[1], send: (id) => http().post('/api/v1/orders/quote').set(b.dispatcher.auth).send(orderBody(b.center, { merchantId: id })) },
      { label: "orders filtered by A's merchant", caller: bCallers[1], send: (id) => http().get('/api/v1/orders').query({ merchantId: id }).set(b.dispatcher.auth) },
      { label: "orders filtered by A's courier", caller: bCallers[1], send: (id) => http().get('/api/v1/orders').query({ courierId: id }).set(b.dispatcher.auth) },
    ];
    const foreignIds: Record<string, string> = {
      "assign B's order to A's courier": a.courier.courierId,
      "a merchant login for A's merchant": a.merchant.id,
      "a courier profile for A's courier user": a.courier.user.id,
      "an order for A's merchant": a.merchant.id,
      "a quote for A's merchant": a.merchant.id,
      "orders filtered by A's merchant": a.merchant.id,
      "orders filtered by A's courier": a.courier.courierId,
    };
    const shape = (response: Response) => ({ status: response.status, code: response.body?.code, errors: response.body?.errors, items: response.body?.items });
    const before = await snapshotTenant(owner, a.cooperative.id);
    const failures: string[] = [];
    for (const probe of probes) {
      const withA = await probe.send(foreignIds[probe.label]);
      const withNothing = await probe.send(randomUUID());
      if (JSON.stringify(shape(withA)) !== JSON.stringify(shape(withNothing)) || (withA.status >= 200 && withA.status < 300 && withA.body?.items?.length !== 0)) {
        failures.push(`${probe.caller.label}, ${probe.label}: ${describeExchange("with A's id", withA)} vs ${describeExchange('with a random id', withNothing)}`);
      }
    }
    const changes = snapshotDifferences(before, await snapshotTenant(owner, a.cooperative.id));
    report("A's ids in B's bodies and filters", { probes: probes.length, 'answers that differ from an unknown id': failures.length, 'tables of A changed': changes.length }, [...failures, ...changes]);
    expect(failures).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('runs the sweep again with a partnership in place, when the API has partnerships', async () => {
    const partnershipRoutes = Object.keys(document.paths).filter((path) => path.startsWith('/api/v1/partnerships'));
    if (!partnershipRoutes.length) {
      report('tenant sweep with a partnership', {
        skipped: 'the OpenAPI document has no /api/v1/partnerships route (the contract\'s "Partner co-ops" section is not implemented)',
      });
      return;
    }
    // The contract's protocol: A proposes, B accepts. Only the shared order was handed over to
    // B, so everything swept must stay a 404 exactly as without the partnership.
    const proposed = await http()
      .post('/api/v1/partnerships')
      .set(a.admin.auth)
      // Valence and Lyon do not overlap, so the area is named (the default overlap would be empty: 422).
      .send({ partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.2, maxOrdersPerDay: 10, area: squareArea(VALENCE, 0.02) } })
      .expect(201);
    await http().post(`/api/v1/partnerships/${proposed.body.id}/accept`).set(b.admin.auth).expect(200);
    // And one of A's orders handed to B, as the dispatcher hands over overflow (it is not
    // running here): B sees that one order, and every other object of A stays a 404.
    const shared = await newOrder(a);
    await sql(`UPDATE orders SET carrier_cooperative_id = $2 WHERE id = $1`, [shared.id, b.cooperative.id]);
    await sql(
      `INSERT INTO order_shares (order_id, owner_cooperative_id, carrier_cooperative_id, partnership_id, share_of_price) VALUES ($1, $2, $3, $4, 0.2)`,
      [shared.id, a.cooperative.id, b.cooperative.id, proposed.body.id],
    );
    expect((await http().get(`/api/v1/orders/${shared.id}`).set(b.dispatcher.auth).expect(200)).body.carrierCooperativeId).toBe(b.cooperative.id);
    const before = await snapshotTenant(owner, a.cooperative.id);
    const result = await sweep();
    const changes = snapshotDifferences(before, await snapshotTenant(owner, a.cooperative.id));
    report('tenant sweep with an active partnership', { requests: result.requests, 'leaks (2xx)': result.leaks, 'wrong answers': result.failures.length }, [...result.failures, ...changes]);
    expect(result.failures).toEqual([]);
    expect(changes).toEqual([]);
  });

  describe('sockets', () => {
    const gateway = () => harness.gatewayUrl();

    /** Every event a socket receives, as `name payload` lines. */
    function recordAll(socket: Socket): string[] {
      const seen: string[] = [];
      socket.onAny((event: string, ...payload: unknown[]) => seen.push(`${event} ${JSON.stringify(payload)}`));
      return seen;
    }

    it("refuses B's tokens where their role has no business, and shows B's sockets nothing of A", async () => {
      const bOrder = await newOrder(b);
      const aOrder = await newOrder(a);
      const bKey = bCallers.find((caller) => caller.label === 'B merchant API key')!.headers['X-Api-Key'];
      // Handshakes that must be refused: no person's token opens /track, roles stay in theirs.
      const refusals: [string, string, Record<string, unknown>][] = [
        ...[b.admin, b.dispatcher, b.courier, b.merchantUser].map((session): [string, string, Record<string, unknown>] => ['/track', `B ${session.user.role} token`, { token: session.token }]),
        ['/track', "A order's id as a token", { token: aOrder.id }],
        ['/track', 'B merchant API key', { token: bKey }],
        ['/courier', 'B coop_admin token', { token: b.admin.token }],
        ['/courier', 'B dispatcher token', { token: b.dispatcher.token }],
        ['/courier', 'B merchant token', { token: b.merchantUser.token }],
        ['/courier', 'B merchant API key', { token: bKey }],
        ['/dispatch', 'B courier token', { token: b.courier.token }],
        ['/dispatch', 'B merchant token', { token: b.merchantUser.token }],
        ['/dispatch', 'B merchant API key', { token: bKey }],
      ];
      const wrongHandshakes: string[] = [];
      for (const [namespace, label, auth] of refusals) {
        const outcome = await refused(openSocket(gateway(), namespace, auth)).then(
          (error) => `refused (${error.data?.code ?? error.message})`,
          (error: Error) => `NOT refused: ${error.message}`,
        );
        if (outcome.startsWith('NOT')) wrongHandshakes.push(`${namespace} with ${label}: ${outcome}`);
      }

      // B's legitimate sockets, each recording everything it receives.
      const bSockets: Record<string, Socket> = {
        'B dispatcher /dispatch': openSocket(gateway(), '/dispatch', { token: b.dispatcher.token }),
        'B coop_admin /dispatch (batch)': openSocket(gateway(), '/dispatch', { token: b.admin.token, batch: true }),
        'B courier /courier': openSocket(gateway(), '/courier', { token: b.courier.token }),
        "B order's tracker /track": openSocket(gateway(), '/track', { token: bOrder.trackingToken }),
      };
      const received: Record<string, string[]> = {};
      for (const [label, socket] of Object.entries(bSockets)) {
        received[label] = recordAll(socket);
        await connected(socket);
        // Clients never name rooms; asking anyway must change nothing.
        socket.emit('join', `order:${aOrder.id}`);
        socket.emit('join', `coop:${a.cooperative.id}`);
        socket.emit('subscribe', { orderId: aOrder.id, courierId: a.courier.courierId, cooperativeId: a.cooperative.id });
      }

      // A's own sockets see A's events: the control that the events below did happen.
      const aDispatcher = openSocket(gateway(), '/dispatch', { token: a.dispatcher.token });
      const aCourier = openSocket(gateway(), '/courier', { token: a.courier.token });
      const aTracker = openSocket(gateway(), '/track', { token: aOrder.trackingToken });
      await Promise.all([connected(aDispatcher), connected(aCourier), connected(aTracker)]);
      await startShift(harness, a, a.courier);
      const positionSeen = nextEvent(aDispatcher, 'courier.position', (position: { courierId: string }) => position.courierId === a.courier.courierId);
      expect(await sendLocation(aCourier, locationAt(a))).toEqual({ ok: true });
      await positionSeen;
      const orderSeen = nextEvent(aCourier, 'order.updated', (order: { id: string }) => order.id === aOrder.id);
      const statusSeen = nextEvent(aTracker, 'status', (status: { status: string }) => status.status === 'assigned');
      await http().post(`/api/v1/orders/${aOrder.id}/assign`).set(a.dispatcher.auth).send({ courierId: a.courier.courierId }).expect(200);
      await Promise.all([orderSeen, statusSeen]);
      // A second position once the order is held: it goes to A's dispatchers and A's customer.
      const followed = nextEvent(aTracker, 'position');
      expect(await sendLocation(aCourier, locationAt(a, 0, 50))).toEqual({ ok: true });
      await followed;
      // Positions go out once per tick; give B's sockets that long and more to receive anything.
      await new Promise((resolve) => setTimeout(resolve, 2500));

      const aIds = [a.cooperative.id, a.courier.courierId, aOrder.id, aOrder.trackingToken];
      const leaks = Object.entries(received).flatMap(([label, events]) =>
        events.filter((event) => aIds.some((id) => event.includes(id))).map((event) => `${label} received ${event.slice(0, 200)}`),
      );
      const disconnectedEarly = Object.entries(bSockets).filter(([, socket]) => !socket.connected).map(([label]) => label);
      report('tenant sweep (sockets)', {
        'handshakes with B tokens that must be refused': refusals.length,
        'of which not refused': wrongHandshakes.length,
        "B sockets listening while A's courier moved and A's order was assigned": Object.keys(bSockets).length,
        "events of A delivered to B": leaks.length,
        'events B received in all': Object.values(received).reduce((sum, events) => sum + events.length, 0),
      }, [...wrongHandshakes, ...leaks]);
      expect(wrongHandshakes).toEqual([]);
      expect(leaks).toEqual([]);
      // Asking to join rooms is ignored, not punished: B's own sockets stay up.
      expect(disconnectedEarly).toEqual([]);
    });

    it("closes a revoked user's sockets within seconds and refuses its token (reports a defect when a user cannot be revoked)", async () => {
      const revocation = revocationRoute();
      // The nearest thing the API offers today: a co-op admin resetting a member's password.
      const member = await harness.api.newUser(a.admin, 'dispatcher');
      const socket = openSocket(gateway(), '/dispatch', { token: member.token });
      await connected(socket);
      await http().patch(`/api/v1/users/${member.id}`).set(a.admin.auth).send({ password: 'a-new-password-1' }).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const afterReset = {
        rest: (await http().get('/api/v1/auth/me').set(member.auth)).status,
        openSocket: socket.connected ? 'still connected' : 'closed',
        newHandshake: await connected(openSocket(gateway(), '/dispatch', { token: member.token })).then(() => 'accepted', () => 'refused'),
      };
      if (!revocation) {
        report('revoked user', {
          revocation: 'NONE: the OpenAPI document has no way to deactivate or delete a user (no DELETE /api/v1/users/{id}, no deactivation field or route)',
          'token lifetime (JWT_TTL_SECONDS)': harness.apiApp.config.env.JWT_TTL_SECONDS,
          'old token after a password reset, GET /api/v1/auth/me': afterReset.rest,
          'old token after a password reset, open /dispatch socket': afterReset.openSocket,
          'old token after a password reset, new /dispatch handshake': afterReset.newHandshake,
          defect: 'a member who leaves the co-op keeps REST and socket access until the token expires',
        });
        return;
      }
      const courier = await harness.api.newCourier(a.admin);
      const courierSocket = openSocket(gateway(), '/courier', { token: courier.token });
      const dispatcher = await harness.api.newUser(a.admin, 'dispatcher');
      const dispatcherSocket = openSocket(gateway(), '/dispatch', { token: dispatcher.token });
      await Promise.all([connected(courierSocket), connected(dispatcherSocket)]);
      await revocation(courier.user.id);
      await revocation(dispatcher.id);
      const closedWithin = async (sock: Socket) => {
        const deadline = Date.now() + 5000;
        while (sock.connected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        return !sock.connected;
      };
      expect(await closedWithin(courierSocket)).toBe(true);
      expect(await closedWithin(dispatcherSocket)).toBe(true);
      await refused(openSocket(gateway(), '/courier', { token: courier.token }));
      await refused(openSocket(gateway(), '/dispatch', { token: dispatcher.token }));
      await http().get('/api/v1/auth/me').set(courier.auth).expect(401);
    });

    /** A request that revokes a user, if the API documents one. */
    function revocationRoute(): ((userId: string) => Promise<unknown>) | null {
      const paths = document.paths;
      if (paths['/api/v1/users/{id}']?.delete) {
        return (id) => http().delete(`/api/v1/users/${id}`).set(a.admin.auth).then((response) => expect(response.status).toBeLessThan(300));
      }
      for (const action of ['deactivate', 'disable', 'revoke', 'suspend']) {
        if (paths[`/api/v1/users/{id}/${action}`]?.post) {
          return (id) => http().post(`/api/v1/users/${id}/${action}`).set(a.admin.auth).then((response) => expect(response.status).toBeLessThan(300));
        }
      }
      const update = document.components?.schemas?.UpdateUserDto?.properties ?? {};
      const flag = (['active', 'disabled', 'deactivated', 'revoked'] as const).find((name) => name in update);
      if (flag) {
        return (id) => http().patch(`/api/v1/users/${id}`).set(a.admin.auth).send({ [flag]: flag === 'active' ? false : true }).expect(200);
      }
      return null;
    }
  });
});
