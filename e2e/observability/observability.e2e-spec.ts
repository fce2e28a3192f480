import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { join } from 'node:path';
import { CoopFixture, orderBody, TestApi, VALENCE } from '@lib/testing';
import { BuiltProcess, ProcessStack } from '../reliability/support/processes';
import { eventually } from '../support/eventually';
import { dashboardExpressions, exposedMetricNames, metricNamesOf, sampleValue } from './support/prometheus-text';

const dashboardFile = join(__dirname, '..', '..', 'infra', 'grafana', 'dispatch-dashboard.json');

/** A webhook receiver that answers 204 and keeps the headers of every POST. */
async function webhookReceiver(): Promise<{ url: string; received: IncomingHttpHeaders[]; server: Server }> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(request.headers);
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, received, server };
}

/** The JSON log lines a built process printed (its other output, like "api listening on", left out). */
function logLines(process: BuiltProcess): Record<string, unknown>[] {
  return process
    .output()
    .split('\n')
    .map((line) => line.slice(line.indexOf(': ') + 2))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function scrape(process: BuiltProcess): Promise<string> {
  const response = await fetch(`${process.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/**
 * The three built processes, as an operator runs them, each with its own /metrics and its own
 * JSON logs: one order is followed by its correlation id from its HTTP request to the webhook
 * it causes, and the dashboard charts only metrics the processes expose.
 */
describe('observability', () => {
  let stack: ProcessStack;
  let api: BuiltProcess;
  let dispatcher: BuiltProcess;
  let tracking: BuiltProcess;
  let client: TestApi;
  let coop: CoopFixture;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  const correlationId = `obs-test-${randomUUID()}`;

  beforeAll(async () => {
    // No sweep during the test: the order's own job, not a sweep's, must make its decision.
    stack = await ProcessStack.create({ env: { LOG_LEVEL: 'info', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', DISPATCH_TICK_SECONDS: '300' } });
    // Debug on the API: its live events (socket.io, through Redis) are logged at that level.
    api = await stack.start('api', { LOG_LEVEL: 'debug' });
    dispatcher = await stack.start('dispatcher');
    tracking = await stack.start('tracking');
    client = stack.apiOf(api);
    coop = await client.newCooperative(VALENCE);
    hook = await webhookReceiver();
    await client.http.post('/api/v1/webhooks').set(coop.merchantUser.auth).send({ url: hook.url, events: ['order.created'] }).expect(201);
    // A courier on shift with a fresh position, so the order gets an offer.
    await client.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: true }).expect(200);
    await client.http
      .post('/api/v1/couriers/me/locations')
      .set(coop.courier.auth)
      .send({ points: [{ lat: coop.center.lat + 0.001, lng: coop.center.lng, at: new Date().toISOString(), accuracy: 10 }] })
      .expect(200);
  }, 120_000);

  /** A wait that fails with what the processes printed. */
  const explained = <T>(waiting: Promise<T>): Promise<T> =>
    waiting.catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stack.output()}`);
    });

  afterAll(async () => {
    hook?.server.close();
    await stack?.close();
  });

  it('follows one order by its correlation id: request, API log, decision, webhook POST and its log', async () => {
    const placed = await client.http
      .post('/api/v1/orders')
      .set(coop.merchantUser.auth)
      .set('Idempotency-Key', randomUUID())
      .set('X-Request-Id', correlationId)
      .send(orderBody(coop.center))
      .expect(201);
    expect(placed.headers['x-correlation-id']).toBe(correlationId);
    expect(placed.headers['x-request-id']).toBe(correlationId);

    const delivered = await explained(eventually('the webhook POST', async () => hook.received.find((headers) => headers['x-correlation-id'] === correlationId), 20_000));
    expect(delivered['x-delivery-id']).toEqual(expect.any(String));

    const apiLines = logLines(api).filter((line) => line.correlationId === correlationId);
    expect(apiLines).toContainEqual(expect.objectContaining({ name: 'api', msg: 'request completed', req: expect.objectContaining({ method: 'POST', url: '/api/v1/orders' }), res: { statusCode: 201 } }));
    // The live event to the dispatchers' board and the customer's page (socket.io through Redis).
    expect(apiLines).toContainEqual(expect.objectContaining({ msg: 'live event sent', event: 'order.updated', orderId: placed.body.id }));

    const dispatcherLines = await explained(
      eventually('the dispatcher to log the order', async () => {
        const lines = logLines(dispatcher).filter((line) => line.correlationId === correlationId);
        return lines.some((line) => line.msg === 'webhook delivered') && lines.some((line) => line.msg === 'dispatch decided') ? lines : undefined;
      }),
    );
    expect(dispatcherLines).toContainEqual(expect.objectContaining({ name: 'dispatcher', msg: 'webhook delivered', deliveryId: delivered['x-delivery-id'], statusCode: 204 }));
    expect(dispatcherLines).toContainEqual(expect.objectContaining({ msg: 'dispatch decided', cooperativeId: coop.cooperative.id, offered: 1 }));
    // Nothing of another order's work under this id.
    expect(logLines(tracking).filter((line) => line.correlationId === correlationId)).toEqual([]);
  });

  it('exposes every metric the Grafana dashboard charts, with the order and its work counted', async () => {
    const [apiMetrics, dispatcherMetrics, trackingMetrics] = await Promise.all([scrape(api), scrape(dispatcher), scrape(tracking)]);
    const exposed = new Set([apiMetrics, dispatcherMetrics, trackingMetrics].flatMap((text) => [...exposedMetricNames(text)]));
    const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));
    const charted = [...new Set(dashboardExpressions(dashboard).flatMap(metricNamesOf))].sort();

    // The reading of names is itself checked, so that a broken one cannot pass by reading none.
    expect(metricNamesOf('sum by (le, queue) (rate(bullmq_job_wait_seconds_bucket{queue=~"$q"}[5m])) / max(outbox_lag_seconds)')).toEqual(['bullmq_job_wait_seconds_bucket', 'outbox_lag_seconds']);
    expect(charted.length).toBeGreaterThanOrEqual(20);
    expect(charted.filter((name) => !exposed.has(name))).toEqual([]);

    // The series this test's work produced carry values, each on the process that does the work.
    expect(sampleValue(apiMetrics, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/orders', status: '201' })).toBeGreaterThanOrEqual(1);
    for (const text of [apiMetrics, dispatcherMetrics, trackingMetrics]) {
      // Idle connections close after 10 s: a quiet process may hold none, but its pool is there.
      expect(sampleValue(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(0);
      expect(sampleValue(text, 'db_pool_max_connections')).toBeGreaterThanOrEqual(1);
      expect(sampleValue(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    }
    expect(sampleValue(dispatcherMetrics, 'orders_open', { cooperative: coop.cooperative.id, status: 'offered' })).toBe(1);
    expect(sampleValue(dispatcherMetrics, 'dispatch_offers_total', { outcome: 'made' })).toBe(1);
    expect(sampleValue(dispatcherMetrics, 'dispatch_decision_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(dispatcherMetrics, 'webhook_deliveries_total', { outcome: 'succeeded' })).toBe(1);
    expect(sampleValue(dispatcherMetrics, 'outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(dispatcherMetrics, 'bullmq_queue_jobs', { queue: 'offer-expiry', state: 'delayed' })).toBe(1);
    expect(sampleValue(dispatcherMetrics, 'bullmq_job_wait_seconds_count', { queue: 'webhooks' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(dispatcherMetrics, 'bullmq_job_duration_seconds_count', { queue: 'dispatch', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
  });
});
