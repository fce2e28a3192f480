import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { createApiApp } from '../../apps/api/src/api.app';
import { MAX_FRAME_BYTES } from '../../apps/tracking/src/tracking-limits';
import { CourierPositions } from '@lib/positions';
import { bootTestApp, CoopFixture, orderBody, Session, TestApi, TestApp, VALENCE } from '@lib/testing';
import { eventually } from '../support/eventually';
import { locationAt, newCourier, startShift } from '../support/factories';
import { closeAllSockets, connected, nextEvent, openSocket, sendLocation } from '../tracking/support/sockets';
import { bootSystem, TestSystem } from '../support/system';
import { fuzz, FuzzTally, must } from './support/fuzz';
import { deepNesting, hostileScalar, hostileValue, RawJson, toJsonText, withMutations } from './support/hostile-values';
import { fillPath, OpenApiOperation, operationsOf } from './support/openapi';
import { isProblem } from './support/problems';
import { report } from './support/report';
import { plausibleBodies } from './support/route-bodies';
import { routeAccessMap } from './support/route-access';
import { tenantRowCounter } from './support/tenant-snapshot';

jest.setTimeout(60_000);

/** Cases per property: enough to meet the odd input, few enough for the file to stay under a minute. */
const RUNS = { orders: 200, coordinates: 200, pages: 200, ids: 200, batches: 200, frames: 200 };
/** The API's BODY_LIMIT in these tests (the default, 256kb). */
const BODY_LIMIT_BYTES = 256 * 1024;

const inRange = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
/** What the server reads from the JSON text of a value (NaN becomes null, `1e999` Infinity). */
const asParsed = (value: unknown): unknown => JSON.parse(toJsonText(value));
const brief = (value: unknown) => toJsonText(value).slice(0, 240);

/**
 * Hostile input, property-based: whatever a client sends (order bodies, coordinates, list
 * parameters, ids in paths, location batches, socket frames), the API never answers 5xx,
 * every refusal is problem+json, a refused request stores nothing and an accepted one stores
 * only values in range. Floods are limited per client without hurting the others.
 */
describe('hostile input', () => {
  let harness: TestSystem;
  let api: TestApi;
  let owner: Client;
  let coop: CoopFixture;
  let platform: Session;
  let counts: () => Promise<Record<string, number>>;
  let operations: OpenApiOperation[];
  let webhookId: string;
  const tallies: Record<string, FuzzTally> = {};

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 1 });
    api = harness.api;
    owner = new Client({ connectionString: harness.apiApp.databaseUrl });
    await owner.connect();
    coop = await api.newCooperative(VALENCE);
    platform = await api.platformAdmin();
    counts = await tenantRowCounter(owner);
    operations = operationsOf((await api.http.get('/api/docs-json').expect(200)).body);
    webhookId = (await api.http.post('/api/v1/webhooks').set(coop.admin.auth).send({ url: 'http://127.0.0.1:9/hook', events: ['order.created'] }).expect(201)).body.id;
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    report('hostile input, all properties', {
      'cases run': Object.values(tallies).reduce((sum, tally) => sum + tally.cases, 0),
      '5xx answers': Object.values(tallies).reduce((sum, tally) => sum + tally.serverErrors, 0),
      'cases failing a property': Object.values(tallies).reduce((sum, tally) => sum + tally.failures.length, 0),
      ...Object.fromEntries(Object.entries(tallies).map(([name, tally]) => [name, `${tally.cases} cases, ${tally.serverErrors} 5xx, ${tally.failures.length} failing`])),
    });
    await owner?.end();
    await harness?.close();
  });

  /** Fails the case unless the answer is below 500 and, when an error, problem+json. */
  function checkAnswer(response: Response, tally: FuzzTally): void {
    if (response.status >= 500) tally.serverErrors += 1;
    must(response.status < 500, `${response.status} ${response.body?.detail ?? response.text?.slice(0, 120)}`);
    if (response.status >= 400) must(isProblem(response), `${response.status} is not problem+json: ${response.headers['content-type']} ${response.text?.slice(0, 120)}`);
  }

  /**
   * Row counts of every tenant table as of the last case. The properties run one case at a
   * time and nothing else writes meanwhile, so a refused case must leave them as they were.
   */
  let lastCounts: Record<string, number> = {};
  async function rowsAfter(status: number): Promise<void> {
    const now = await counts();
    const before = lastCounts;
    lastCounts = now;
    if (status < 400) return;
    const changed = Object.keys(now).filter((table) => now[table] !== before[table]);
    must(changed.length === 0, `refused with ${status} but stored rows in ${changed.map((table) => `${table} ${before[table]}->${now[table]}`).join(', ')}`);
  }
  const countsNow = async () => {
    lastCounts = await counts();
  };

  /** An accepted order holds only values in range, inside the co-op's area. */
  async function checkStoredOrder(id: string): Promise<void> {
    const [row] = (
      await owner.query(
        `SELECT ST_Y(o.pickup_location::geometry) AS plat, ST_X(o.pickup_location::geometry) AS plng,
                ST_Y(o.dropoff_location::geometry) AS dlat, ST_X(o.dropoff_location::geometry) AS dlng,
                ST_Covers(c.service_area, o.pickup_location) AS pickup_inside, ST_Covers(c.service_area, o.dropoff_location) AS dropoff_inside,
                o.price_amount, o.distance_meters, o.parcel_weight_kg::float8 AS weight, o.parcel_size, o.ready_at, o.deliver_by,
                char_length(o.reference) AS reference_length, char_length(o.dropoff_address) AS address_length,
                char_length(o.dropoff_notes) AS notes_length, now() AS now
         FROM orders o JOIN cooperatives c ON c.id = o.cooperative_id WHERE o.id = $1`,
        [id],
      )
    ).rows;
    must(row, `201 without a stored order ${id}`);
    must(inRange(row.plat, -90, 90) && inRange(row.plng, -180, 180) && inRange(row.dlat, -90, 90) && inRange(row.dlng, -180, 180), `stored coordinates out of range: ${JSON.stringify(row)}`);
    must(row.pickup_inside && row.dropoff_inside, `stored an order outside the area: ${JSON.stringify(row)}`);
    must(Number.isInteger(row.price_amount) && row.price_amount >= 0 && row.distance_meters >= 0, `stored price/distance ${row.price_amount}/${row.distance_meters}`);
    must(row.weight === null || inRange(row.weight, 0, 150), `stored weight ${row.weight}`);
    must(['S', 'M', 'L'].includes(row.parcel_size), `stored size ${row.parcel_size}`);
    const readyOffset = row.ready_at.getTime() - row.now.getTime();
    must(readyOffset >= -3_660_000 && readyOffset <= 7 * 24 * 3_600_000 + 60_000, `stored readyAt ${row.ready_at.toISOString()}`);
    must(row.deliver_by === null || row.deliver_by > row.ready_at, `stored deliverBy ${row.deliver_by} not after readyAt ${row.ready_at}`);
    must((row.reference_length ?? 0) <= 100 && row.address_length >= 1 && row.address_length <= 300 && (row.notes_length ?? 0) <= 500, `stored text lengths ${JSON.stringify(row)}`);
  }

  const baseOrder = () => ({
    ...orderBody(VALENCE),
    pickup: { address: '1 place du Marché', location: { lat: VALENCE.lat - 0.004, lng: VALENCE.lng + 0.002 }, contactName: 'Chez Paul', phone: '+33 4 75 00 00 00', notes: 'back door' },
    readyAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    deliverBy: new Date(Date.now() + 70 * 60_000).toISOString(),
  });

  it('never answers 5xx to hostile order bodies, and stores an order only when every value is in range', async () => {
    const paths = [
      'pickup', 'pickup.address', 'pickup.location', 'pickup.location.lat', 'pickup.location.lng', 'pickup.contactName', 'pickup.phone', 'pickup.notes',
      'dropoff', 'dropoff.address', 'dropoff.location', 'dropoff.location.lat', 'dropoff.location.lng', 'dropoff.contactName', 'dropoff.phone', 'dropoff.notes',
      'parcel', 'parcel.size', 'parcel.weightKg', 'readyAt', 'deliverBy', 'reference', 'merchantId',
      'cooperativeId', 'status', 'price', 'id', 'courierId', 'trackingToken', '__proto__', 'dropoff.location.alt', 'parcel.__proto__',
    ];
    // Values that are valid or nearly so, so that accepted orders are fuzzed too.
    const plausible = fc.oneof(
      fc.tuple(fc.constant('dropoff.location'), fc.record({ lat: fc.double({ min: VALENCE.lat - 0.06, max: VALENCE.lat + 0.06, noNaN: true }), lng: fc.double({ min: VALENCE.lng - 0.06, max: VALENCE.lng + 0.06, noNaN: true }) })),
      fc.tuple(fc.constant('parcel.weightKg'), fc.double({ min: -1, max: 151, noNaN: true })),
      fc.tuple(fc.constantFrom('reference', 'dropoff.contactName'), fc.string({ unit: 'grapheme', maxLength: 130 })),
      fc.tuple(fc.constantFrom('dropoff.notes', 'dropoff.address'), fc.string({ unit: 'grapheme', maxLength: 520 })),
      fc.tuple(fc.constantFrom('readyAt', 'deliverBy'), fc.integer({ min: -2 * 3600, max: 8 * 24 * 3600 }).map((seconds) => new Date(Date.now() + seconds * 1000).toISOString())),
    );
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 0, maxLength: 300 });
    const request = fc.record({
      text: fc.oneof(
        { weight: 8, arbitrary: fc.array(fc.oneof(fc.tuple(fc.constantFrom(...paths), hostileValue), plausible), { maxLength: 3 }).map((mutations) => toJsonText(withMutations(baseOrder(), mutations))) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => toJsonText(value)) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      ),
      key: fc.oneof({ weight: 8, arbitrary: fc.uuid() }, { weight: 1, arbitrary: printable }),
    });
    await countsNow();
    tallies['order bodies'] = await fuzz('hostile order bodies (POST /api/v1/orders)', request, RUNS.orders, async ({ text, key }, tally) => {
      const response = await api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', key).set('Content-Type', 'application/json').send(text);
      await rowsAfter(response.status);
      checkAnswer(response, tally);
      if (response.status === 201) await checkStoredOrder(response.body.id);
      else must(response.status >= 400, `answered ${response.status}`);
    }, ({ text, key }) => `key ${JSON.stringify(key.slice(0, 40))} body ${text}`);
    expect(tallies['order bodies'].failures).toEqual([]);
  });

  it('accepts coordinates only when finite, within ±90/±180 and inside the area, for orders and quotes', async () => {
    const coordinate = fc.oneof(
      { weight: 4, arbitrary: fc.double() },
      { weight: 4, arbitrary: fc.double({ min: -0.07, max: 0.07, noNaN: true }) },
      { weight: 2, arbitrary: fc.constantFrom(90, -90, 180, -180, 90.000001, -180.000001, 0, -0, 1e-320, Number.MAX_VALUE, -Number.MIN_VALUE) },
      { weight: 2, arbitrary: hostileScalar },
    );
    // Near the co-op's area most of the time (offsets), anywhere the rest.
    const point = fc.tuple(coordinate, coordinate, fc.boolean()).map(([lat, lng, offset]) => ({
      lat: offset && typeof lat === 'number' ? VALENCE.lat + lat : lat,
      lng: offset && typeof lng === 'number' ? VALENCE.lng + lng : lng,
    }));
    const request = fc.record({ pickup: point, dropoff: point, quote: fc.boolean() });
    const valid = (location: { lat: unknown; lng: unknown }) => {
      const { lat, lng } = asParsed(location) as { lat: unknown; lng: unknown };
      return inRange(lat, -90, 90) && inRange(lng, -180, 180);
    };
    await countsNow();
    tallies.coordinates = await fuzz('hostile coordinates (orders and quotes)', request, RUNS.coordinates, async ({ pickup, dropoff, quote }, tally) => {
      const body = withMutations(baseOrder(), [['pickup.location', pickup], ['dropoff.location', dropoff]]);
      const response = await api.http
        .post(quote ? '/api/v1/orders/quote' : '/api/v1/orders')
        .set(coop.merchantUser.auth)
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send(toJsonText(body));
      // A quote stores nothing even when it answers 200.
      await rowsAfter(quote ? Math.max(response.status, 400) : response.status);
      checkAnswer(response, tally);
      const allValid = valid(pickup) && valid(dropoff);
      if (response.status === 400) must(!allValid, `400 for valid coordinates: ${JSON.stringify(response.body.errors)}`);
      if (response.status === 422) must(allValid, '422 (outside the area) for coordinates that are not even valid');
      if (response.status < 300) {
        must(allValid, `accepted invalid coordinates with ${response.status}`);
        if (!quote) {
          await checkStoredOrder(response.body.id);
          const sent = asParsed(dropoff) as { lat: number; lng: number };
          must(Math.abs(response.body.dropoff.location.lat - sent.lat) < 1e-9 && Math.abs(response.body.dropoff.location.lng - sent.lng) < 1e-9, 'stored another dropoff than sent');
        }
      }
    }, (value) => brief(value));
    expect(tallies.coordinates.failures).toEqual([]);
  });

  it('answers list parameters it cannot use with 400, never 5xx: limits, cursors (random, crafted, SQL-ish)', async () => {
    for (let i = 0; i < 3; i += 1) await api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', randomUUID()).send(orderBody(VALENCE)).expect(201);
    const realCursor: string = (await api.http.get('/api/v1/orders').query({ limit: 1 }).set(coop.admin.auth).expect(200)).body.nextCursor;
    expect(realCursor).toEqual(expect.any(String));
    const access = routeAccessMap(harness.apiApp.app);
    const lists = operations.filter((operation) => operation.verb === 'GET' && operation.queryParameters.includes('cursor'));
    expect(lists.length).toBeGreaterThanOrEqual(5);
    const callerOf = (operation: OpenApiOperation) => {
      const roles = access.get(operation.key)?.roles ?? [];
      if (roles.includes('coop_admin')) return coop.admin;
      if (roles.includes('platform_admin')) return platform;
      throw new Error(`no caller for ${operation.key}`);
    };
    const base64url = (text: string) => Buffer.from(text).toString('base64url');
    const dateish = fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      fc.constantFrom('1', '2020', 'Tue, 01 Jan 2020', '2020-02-30T00:00:00Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z',
        '2020-01-01 00:00:00 +99:00', '0001-01-01T00:00:00Z', "2020-01-01'; DROP TABLE orders; --", '2026-12-01T10:00:00.123456Z', 'infinity', 'epoch'),
      fc.string({ maxLength: 30 }),
    );
    const idish = fc.oneof(fc.uuid(), fc.constantFrom("' OR 1=1 --", '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'), fc.string({ maxLength: 40 }));
    const cursor = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.tuple(dateish, idish).map(([date, id]) => base64url(JSON.stringify([date, id]))),
      fc.jsonValue({ maxDepth: 3 }).map((value) => base64url(JSON.stringify(value))),
      fc.constantFrom("' OR 1=1 --", "1'; SELECT pg_sleep(5); --", '%00', '\u0000', realCursor, `${realCursor}A`, realCursor.slice(0, -2), realCursor.toUpperCase()),
      fc.tuple(fc.nat({ max: realCursor.length - 1 }), fc.string({ minLength: 1, maxLength: 1 })).map(([at, char]) => realCursor.slice(0, at) + char + realCursor.slice(at + 1)),
    );
    const limit = fc.oneof(
      fc.integer({ min: -5, max: 260 }).map(String),
      fc.constantFrom('1e1', ' 5', '5abc', '', '0x10', '1.5', 'NaN', 'Infinity', '-0', '９', '99999999999999999999', "1; DROP TABLE orders"),
      fc.string({ maxLength: 8 }),
    );
    const rarely = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
    const request = fc
      .record({
        list: fc.constantFrom(...lists),
        limit: rarely(limit),
        cursor: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: cursor }),
        extra: rarely(fc.constantFrom('limit=1&limit=2', 'limit[a]=1', 'cursor[]=x', 'cursor[$ne]=1', 'status=pending&status=offered', 'merchantId=%00', 'role[]=coop_admin')),
      })
      .map(({ list, limit: limitValue, cursor: cursorValue, extra }) => ({
        list,
        query: [
          limitValue === undefined ? null : `limit=${encodeURIComponent(limitValue)}`,
          cursorValue === undefined ? null : `cursor=${encodeURIComponent(cursorValue)}`,
          extra ?? null,
        ].filter(Boolean).join('&'),
      }));
    tallies.pagination = await fuzz('hostile list parameters (limit, cursor)', request, RUNS.pages, async ({ list, query }, tally) => {
      const url = fillPath(list.path, { id: webhookId });
      const response = await api.http.get(`${url}?${query}`).set(callerOf(list).auth);
      checkAnswer(response, tally);
      must(response.status === 200 || response.status === 400, `answered ${response.status}`);
      if (response.status === 200) {
        must(Array.isArray(response.body.items) && response.body.items.length <= 200, 'a page without items or over 200');
        must(response.body.nextCursor === null || typeof response.body.nextCursor === 'string', 'nextCursor neither null nor a string');
      }
    }, ({ list, query }) => `${list.path}?${query}`);
    expect(tallies.pagination.failures).toEqual([]);
  });

  it('answers 404 to every hostile id in every path (non-uuid, nil, ids of other kinds), never 5xx', async () => {
    const access = routeAccessMap(harness.apiApp.app);
    const order = (await api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', randomUUID()).send(orderBody(VALENCE)).expect(201)).body;
    const apiKey = (await api.http.post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201)).body;
    // Real ids of this co-op by kind: each route is called with ids of every *other* kind.
    const idsByKind: Record<string, string[]> = {
      cooperatives: [coop.cooperative.id],
      users: [coop.admin.user.id, coop.dispatcher.user.id],
      merchants: [coop.merchant.id],
      'api-keys': [apiKey.id],
      couriers: [coop.courier.courierId],
      orders: [order.id],
      webhooks: [webhookId],
      track: [order.trackingToken],
    };
    const sessionFor: Record<string, Session> = { coop_admin: coop.admin, dispatcher: coop.dispatcher, courier: coop.courier, merchant: coop.merchantUser, platform_admin: platform };
    const routes = operations.filter((operation) => operation.pathParameters.length > 0);
    const kindBefore = (operation: OpenApiOperation, parameter: string) => {
      const segments = operation.path.split('/');
      return segments[segments.indexOf(`{${parameter}}`) - 1];
    };
    const otherKindId = (kind: string) => fc.constantFrom(...Object.entries(idsByKind).filter(([other]) => other !== kind).flatMap(([, ids]) => ids));
    const nonUuid = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom("' OR 1=1 --", '1 UNION SELECT password_hash FROM users', '..', '.', '%', '%2e%2e', 'null', 'undefined', '0', '-1', '1e999', 'x'.repeat(5000),
        '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{id}', ':id', 'me ', ' me', 'ME'),
      fc.uuid().map((uuid) => `${uuid}x`),
      fc.uuid().map((uuid) => uuid.replace(/-/g, '')),
      fc.uuid().map((uuid) => `{${uuid}}`),
      // Literal siblings of an id segment (`/couriers/me`, matched case-insensitively) and the empty
      // segment (`/merchants/` is the list) name other routes, not a hostile id.
    ).filter((id) => id !== '' && !['me', 'quote'].includes(id.toLowerCase()));
    const request = fc.constantFrom(...routes).chain((operation) =>
      fc.record({
        operation: fc.constant(operation),
        ids: fc.tuple(...operation.pathParameters.map((parameter) => fc.oneof(nonUuid, fc.uuid(), otherKindId(kindBefore(operation, parameter))))),
      }),
    );
    await countsNow();
    tallies.ids = await fuzz('hostile ids in paths', request, RUNS.ids, async ({ operation, ids }, tally) => {
      const route = access.get(operation.key);
      must(route, `${operation.key} has no controller route`);
      const values = Object.fromEntries(operation.pathParameters.map((parameter, index) => [parameter, ids[index]]));
      const session = route.public ? null : sessionFor[route.roles[0]];
      const body = plausibleBodies[operation.key]?.({ values, own: coop, pinOf: () => undefined })[0];
      must(!operation.hasBody || body, `${operation.key} takes a body and no plausible one is known`);
      const method = operation.verb.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const call = api.http[method](fillPath(operation.path, values));
      if (session) call.set(session.auth);
      const response = await (body ? call.send(body) : call);
      await rowsAfter(response.status);
      checkAnswer(response, tally);
      must(response.status === 404, `answered ${response.status} ${response.body?.detail ?? ''}`);
    }, ({ operation, ids }) => `${operation.verb} ${operation.path} with ${JSON.stringify(ids).slice(0, 200)}`);
    expect(tallies.ids.failures).toEqual([]);
  });

  it('stores only valid points of hostile location batches, and nothing when the batch is refused', async () => {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    const historyCount = async () => (await owner.query(`SELECT count(*)::int AS n FROM courier_locations WHERE courier_id = $1`, [courier.courierId])).rows[0].n as number;
    const validPoint = fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lng: fc.double({ min: -180, max: 180, noNaN: true }),
      accuracy: fc.option(fc.double({ min: 0, max: 100_000, noNaN: true }), { nil: undefined }),
      heading: fc.option(fc.double({ min: 0, max: 360, noNaN: true }), { nil: undefined }),
      speed: fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: undefined }),
      // Measured after the shift began (up to now), some as epoch milliseconds.
      msAgo: fc.integer({ min: 0, max: 2_000 }),
      epoch: fc.boolean(),
    }).map(({ msAgo, epoch, ...point }) => {
      const at = Date.now() - msAgo;
      return { ...point, at: epoch ? at : new Date(at).toISOString() };
    });
    const fields = ['lat', 'lng', 'accuracy', 'heading', 'speed', 'at', 'extra', '__proto__', 'courierId'];
    const point = fc.oneof(
      { weight: 3, arbitrary: validPoint },
      { weight: 3, arbitrary: fc.tuple(validPoint, fc.array(fc.tuple(fc.constantFrom(...fields), hostileValue), { minLength: 1, maxLength: 2 })).map(([fix, mutations]) => withMutations(fix, mutations)) },
      { weight: 1, arbitrary: hostileValue },
    );
    const body = fc.oneof(
      { weight: 8, arbitrary: fc.array(point, { maxLength: 25 }).map((points) => ({ points })) },
      { weight: 1, arbitrary: fc.record({ points: hostileValue }) },
      { weight: 1, arbitrary: fc.tuple(fc.array(validPoint, { minLength: 1, maxLength: 3 }), fc.constantFrom('extra', 'courierId', '__proto__'), hostileScalar).map(([points, key, value]) => withMutations({ points }, [[key, value]])) },
    );
    await countsNow();
    let history = await historyCount();
    tallies.batches = await fuzz('hostile location batches (POST /api/v1/couriers/me/locations)', body, RUNS.batches, async (value, tally) => {
      const text = toJsonText(value);
      const response = await api.http.post('/api/v1/couriers/me/locations').set(courier.auth).set('Content-Type', 'application/json').send(text);
      await rowsAfter(response.status);
      const historyBefore = history;
      history = await historyCount();
      checkAnswer(response, tally);
      const tooLarge = Buffer.byteLength(text) > BODY_LIMIT_BYTES;
      must(tooLarge ? response.status === 413 : response.status === 200 || response.status === 400, `answered ${response.status} to ${Buffer.byteLength(text)} bytes: ${response.body?.detail ?? ''}`);
      if (response.status !== 200) return;
      const points = (asParsed(value) as { points: unknown[] }).points;
      const result = response.body as { stored: number; duplicates: number; outsideShift: number; refused: { index: number }[] };
      must(result.stored + result.duplicates + result.outsideShift + result.refused.length === points.length, `accounts for ${JSON.stringify(result)} of ${points.length} points`);
      must(new Set(result.refused.map((refusal) => refusal.index)).size === result.refused.length && result.refused.every((refusal) => refusal.index >= 0 && refusal.index < points.length), 'refused indexes out of the batch');
      must(history - historyBefore === result.stored, `said ${result.stored} stored, the history grew by ${history - historyBefore}`);
    }, (value) => brief(value));
    const [bad] = (await owner.query(
      `SELECT count(*)::int AS n FROM courier_locations WHERE courier_id = $1 AND NOT (
         ST_Y(location::geometry) BETWEEN -90 AND 90 AND ST_X(location::geometry) BETWEEN -180 AND 180
         AND coalesce(accuracy, 0) BETWEEN 0 AND 100000 AND coalesce(heading, 0) BETWEEN 0 AND 360 AND coalesce(speed, 0) BETWEEN 0 AND 200
         AND recorded_at <= received_at + interval '61 seconds')`,
      [courier.courierId],
    )).rows;
    expect(tallies.batches.failures).toEqual([]);
    expect(bad.n).toBe(0);
  });

  it('answers hostile location frames on /courier with an error ack (or closes an oversized one), and keeps only valid positions', async () => {
    const courier = await newCourier(harness, coop);
    const shiftStartedAt = Date.now();
    await startShift(harness, coop, courier);
    const positions = harness.gateways[0].app.get(CourierPositions);
    const validFix = fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lng: fc.double({ min: -180, max: 180, noNaN: true }),
      accuracy: fc.option(fc.double({ min: 0, max: 100_000, noNaN: true }), { nil: undefined }),
      msAgo: fc.integer({ min: -50_000, max: 8 * 24 * 3_600_000 }),
      epoch: fc.boolean(),
    }).map(({ msAgo, epoch, ...fix }) => ({ ...fix, at: epoch ? Date.now() - msAgo : new Date(Date.now() - msAgo).toISOString() }));
    // Socket.io carries what JSON carries: RawJson numbers are sent as what they parse to.
    const socketSafe = (value: unknown) => (value instanceof RawJson ? asParsed(value) : value);
    const frame = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('location' as const), payload: validFix }) },
      {
        weight: 4,
        arbitrary: fc.tuple(validFix, fc.array(fc.tuple(fc.constantFrom('lat', 'lng', 'accuracy', 'heading', 'speed', 'at', 'extra', '__proto__'), fc.oneof(hostileScalar, fc.jsonValue({ maxDepth: 2 }))), { minLength: 1, maxLength: 2 }))
          .map(([fix, mutations]) => ({ kind: 'location' as const, payload: withMutations(fix, mutations.map(([key, value]) => [key, socketSafe(value)] as [string, unknown])) })),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('location' as const), payload: fc.oneof(fc.anything({ maxDepth: 3 }), fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)), fc.string({ minLength: 15_000, maxLength: 20_000 })) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('event' as const), event: fc.constantFrom('join', 'offer', 'Location', 'location ', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'message', 'ping'), payload: fc.jsonValue({ maxDepth: 2 }) }) },
      { weight: 1, arbitrary: deepNesting.map((raw) => ({ kind: 'raw' as const, text: `2/courier,["location",${raw.text}]` })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ kind: 'raw' as const, text: `2/courier,${text}` })) },
    );
    const isValidFix = (payload: unknown, now: number) => {
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || Buffer.isBuffer(payload)) return false;
      const { lat, lng, at } = payload as Record<string, unknown>;
      const time = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : NaN;
      // Measured before the shift (beyond a minute's clock slack) is not on shift: never kept.
      return inRange(lat, -90, 90) && inRange(lng, -180, 180) && Number.isFinite(time) && time <= now + 61_000 && time >= shiftStartedAt - 61_000;
    };
    let socket: Socket | null = null;
    let framesOnSocket = 0;
    let accepted = 0;
    let closedByServer = 0;
    /** When each accepted position was measured: the history must end up holding each once. */
    const acceptedAts = new Set<number>();
    const timeOf = (at: unknown) => (typeof at === 'number' ? at : Date.parse(String(at)));
    const fresh = async () => {
      socket?.disconnect();
      socket = openSocket(harness.gatewayUrl(), '/courier', { token: courier.token });
      framesOnSocket = 0;
      await connected(socket);
      return socket;
    };
    const current = async () => (socket?.connected && framesOnSocket < 8 ? socket : fresh());
    const closed = (sock: Socket, ms: number) => new Promise<boolean>((resolve) => {
      if (!sock.connected) return resolve(true);
      const timer = setTimeout(() => resolve(!sock.connected), ms);
      sock.once('disconnect', () => { clearTimeout(timer); resolve(true); });
    });
    /** The socket still answers a valid frame, unless the server closed it. */
    const stillServes = async (sock: Socket) => {
      if (await closed(sock, 150)) { closedByServer += 1; return; }
      const fix = locationAt(coop);
      const ack = await sendLocation(sock, fix);
      must(ack.ok || ack.error === 'rate_limited', `a valid frame after it got ${JSON.stringify(ack)}`);
      if (ack.ok) {
        accepted += 1;
        acceptedAts.add(timeOf(fix.at));
      }
    };
    tallies.frames = await fuzz('hostile socket frames on /courier', frame, RUNS.frames, async (value, tally) => {
      const sock = await current();
      framesOnSocket += 2;
      if (value.kind === 'raw') {
        (sock.io.engine as unknown as { send(text: string): void }).send(value.text);
        return stillServes(sock);
      }
      if (value.kind === 'event') {
        sock.emit(value.event, value.payload);
        return stillServes(sock);
      }
      const bytes = Buffer.byteLength(JSON.stringify(['location', value.payload]) ?? '');
      const sentAt = Date.now();
      const ack = await sock.timeout(3_000).emitWithAck('location', value.payload).catch((error: Error) => ({ noAck: error.message }));
      if ('noAck' in ack) {
        must(bytes > MAX_FRAME_BYTES - 512, `no answer to a ${bytes}-byte frame: ${ack.noAck}`);
        must(await closed(sock, 1_000), 'an oversized frame neither answered nor closed');
        closedByServer += 1;
        return;
      }
      must(bytes < MAX_FRAME_BYTES + 512, `a ${bytes}-byte frame over the ${MAX_FRAME_BYTES}-byte limit was answered`);
      must(typeof ack === 'object' && ack !== null && typeof ack.ok === 'boolean', `ack ${JSON.stringify(ack)}`);
      if (ack.ok) {
        accepted += 1;
        acceptedAts.add(timeOf((value.payload as { at: unknown }).at));
        must(isValidFix(value.payload, sentAt), 'accepted a position that is out of range, non-finite, or too far in time');
      } else {
        const beforeShift = ack.error === 'not_on_shift' && timeOf((value.payload as { at?: unknown } | null)?.at) < shiftStartedAt;
        must(['invalid_location', 'rate_limited'].includes(ack.error) || beforeShift, `error ack ${JSON.stringify(ack)}`);
      }
    }, (value) => (value.kind === 'raw' ? `raw ${value.text.slice(0, 120)}` : `${value.kind} ${'event' in value ? value.event : ''} ${brief(value.payload)}`));
    // The history is written by the gateway once a second: wait until it settles.
    let last = -1;
    const rows = await eventually('the history to settle', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const { rows: [{ n, bad }] } = await owner.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT (ST_Y(location::geometry) BETWEEN -90 AND 90 AND ST_X(location::geometry) BETWEEN -180 AND 180
           AND coalesce(accuracy, 0) BETWEEN 0 AND 100000 AND recorded_at <= received_at + interval '61 seconds'))::int AS bad
         FROM courier_locations WHERE courier_id = $1`,
        [courier.courierId],
      );
      const settled = n === last;
      last = n;
      return settled && { n, bad };
    }, 20_000);
    const live = await positions.get(coop.cooperative.id, courier.courierId);
    report('hostile socket frames, outcome', {
      'frames accepted': accepted,
      'distinct measurement times accepted': acceptedAts.size,
      'connections closed by the server': closedByServer,
      'history rows': rows.n,
      'history rows out of range': rows.bad,
    });
    expect(tallies.frames.failures).toEqual([]);
    expect(rows.bad).toBe(0);
    // Every accepted position reaches the history, once: none is lost behind a bad neighbour.
    expect(rows.n).toBe(acceptedAts.size);
    expect(live === null || (inRange(live.lat, -90, 90) && inRange(live.lng, -180, 180))).toBe(true);
    // The gateway still serves everyone after all of it.
    const control = openSocket(harness.gatewayUrl(), '/courier', { token: coop.courier.token });
    await connected(control);
    await startShift(harness, coop, coop.courier);
    // The gateway hears of the new shift through Redis, a moment after the API answered: until
    // then a fix is refused as off shift (the app sends the next one a second later).
    let controlFix = locationAt(coop);
    await eventually('the gateway to take the control position', async () => {
      controlFix = locationAt(coop);
      return (await sendLocation(control, controlFix)).ok === true;
    });
    // Written by the next flush; waited for, so the tests after this one start from still tables.
    await eventually('the control position in the history', async () =>
      (await owner.query(`SELECT 1 FROM courier_locations WHERE courier_id = $1 AND recorded_at = $2`, [coop.courier.courierId, controlFix.at])).rows.length === 1);
  });

  it('answers 413 problem+json to bodies over the limit and stores nothing', async () => {
    const limitBytes = BODY_LIMIT_BYTES;
    expect(harness.apiApp.config.env.BODY_LIMIT).toBe('256kb');
    const routes: [string, string, Session][] = [
      ['post', '/api/v1/orders', coop.merchantUser],
      ['post', '/api/v1/couriers/me/locations', coop.courier],
      ['post', '/api/v1/users', coop.admin],
      ['post', '/api/v1/webhooks', coop.admin],
      ['patch', `/api/v1/cooperatives/${coop.cooperative.id}`, coop.admin],
      ['post', '/api/v1/auth/login', coop.admin],
    ];
    const answers: string[] = [];
    for (const [method, path, session] of routes) {
      for (const size of [limitBytes + 1024, 4 * 1024 * 1024]) {
        await countsNow();
        const body = JSON.stringify({ reference: 'x'.repeat(size) });
        const response = await (api.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method](path)
          .set(session.auth).set('Idempotency-Key', randomUUID()).set('Content-Type', 'application/json').send(body);
        answers.push(`${method.toUpperCase()} ${path} ${size} bytes -> ${response.status}`);
        expect({ path, size, status: response.status, problem: isProblem(response) }).toEqual({ path, size, status: 413, problem: true });
        await rowsAfter(413);
      }
    }
    report('oversized bodies', { requests: answers.length, 'answered 413': answers.filter((answer) => answer.endsWith('413')).length });
  });

  describe('floods', () => {
    let limited: TestApp;
    let limitedApi: TestApi;

    beforeAll(async () => {
      // A second API process on the same stores with a low allowance per caller.
      limited = await bootTestApp(createApiApp, { databaseUrl: harness.apiApp.databaseUrl, overrides: { RATE_LIMIT_PER_MINUTE: '20' } });
      limitedApi = new TestApi(limited.app, limited.config);
    });
    afterAll(() => limited?.close());

    it('answers a caller over its rate limit 429 with Retry-After, while another caller keeps working', async () => {
      const flood = Array.from({ length: 40 }, () => limitedApi.http.get('/api/v1/orders').set(coop.merchantUser.auth));
      const others: Response[] = [];
      const bystander = (async () => {
        for (let i = 0; i < 10; i += 1) others.push(await limitedApi.http.get('/api/v1/orders').set(coop.dispatcher.auth));
      })();
      const answers = await Promise.all(flood);
      await bystander;
      const limitedAnswers = answers.filter((answer) => answer.status === 429);
      // Anonymous callers are counted by address: one address floods, another is served.
      const anonymous = await Promise.all(Array.from({ length: 30 }, () => limitedApi.http.get('/app/config.json').set('X-Forwarded-For', '198.51.100.7')));
      const otherAddress = await limitedApi.http.get('/app/config.json').set('X-Forwarded-For', '198.51.100.8');
      report('API flood (RATE_LIMIT_PER_MINUTE=20)', {
        'flooding caller: requests': answers.length,
        'flooding caller: 200': answers.filter((answer) => answer.status === 200).length,
        'flooding caller: 429': limitedAnswers.length,
        'other caller meanwhile: 200 of': `${others.filter((answer) => answer.status === 200).length} of ${others.length}`,
        'anonymous flood from one address: 429': anonymous.filter((answer) => answer.status === 429).length,
        'another address meanwhile': otherAddress.status,
        '5xx': [...answers, ...others, ...anonymous].filter((answer) => answer.status >= 500).length,
      });
      expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
      expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(20);
      expect(limitedAnswers.length).toBeGreaterThanOrEqual(20);
      for (const answer of limitedAnswers) {
        expect(isProblem(answer)).toBe(true);
        expect(answer.body.code).toBe('rate_limited');
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(others.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      expect(anonymous.filter((answer) => answer.status === 429).length).toBeGreaterThan(0);
      expect(anonymous.every((answer) => answer.status === 200 || (answer.status === 429 && Number(answer.headers['retry-after']) > 0))).toBe(true);
      expect(otherAddress.status).toBe(200);
    });

    it("throttles a courier flooding location frames, while another courier's positions still go through", async () => {
      const flooder = await newCourier(harness, coop);
      const steady = await newCourier(harness, coop);
      await startShift(harness, coop, flooder);
      await startShift(harness, coop, steady);
      const dispatcher = openSocket(harness.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token });
      const floodSocket = openSocket(harness.gatewayUrl(), '/courier', { token: flooder.token });
      const steadySocket = openSocket(harness.gatewayUrl(), '/courier', { token: steady.token });
      await Promise.all([connected(dispatcher), connected(floodSocket), connected(steadySocket)]);
      const started = Date.now();
      const flood = Promise.all(Array.from({ length: 400 }, (_, i) =>
        floodSocket.timeout(10_000).emitWithAck('location', { ...locationAt(coop, 0, i), at: new Date(started - 400 + i).toISOString() }).catch(() => ({ ok: false, error: 'no answer' })),
      ));
      const steadyAcks: { ok: boolean; error?: string }[] = [];
      for (let i = 0; i < 8; i += 1) {
        steadyAcks.push(await sendLocation(steadySocket, locationAt(coop, 0, 500 + i * 10)));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const lastSteady = locationAt(coop, 0, 900);
      const seen = nextEvent(dispatcher, 'courier.position', (position: { courierId: string; lat: number }) => position.courierId === steady.courierId && Math.abs(position.lat - lastSteady.lat) < 1e-9);
      steadyAcks.push(await sendLocation(steadySocket, lastSteady));
      await seen;
      const floodAcks = await flood;
      const elapsedSeconds = (Date.now() - started) / 1000;
      const floodAccepted = floodAcks.filter((ack) => ack.ok).length;
      report('socket flood', {
        'flooding courier: frames': floodAcks.length,
        'flooding courier: accepted': floodAccepted,
        'flooding courier: rate_limited': floodAcks.filter((ack) => !ack.ok && (ack as { error?: string }).error === 'rate_limited').length,
        'flooding socket still connected': String(floodSocket.connected),
        'steady courier: accepted': `${steadyAcks.filter((ack) => ack.ok).length} of ${steadyAcks.length}`,
        'seconds': elapsedSeconds.toFixed(1),
      });
      expect(steadyAcks.every((ack) => ack.ok)).toBe(true);
      // A burst of 20, then 5 a second: the flood gets no more through than that.
      expect(floodAccepted).toBeLessThanOrEqual(20 + Math.ceil(5 * elapsedSeconds) + 2);
      expect(floodAcks.filter((ack) => !ack.ok).every((ack) => (ack as { error?: string }).error === 'rate_limited' || !floodSocket.connected)).toBe(true);
    });
  });
});
