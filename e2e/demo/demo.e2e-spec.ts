import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDemoConfig } from '../../apps/demo/src/config';
import { RunningDemo, startDemo } from '../../apps/demo/src/demo';
import { consoleLog, silentLog } from '../../apps/demo/src/log';
import { bootSystem, eventually, TestSystem } from '../support/system';

jest.setTimeout(180_000);

/** DEMO_E2E_LOG=1 shows the simulator's lines while the test runs. */
const log = process.env.DEMO_E2E_LOG ? consoleLog : silentLog;

/**
 * The demo's seed and simulator against the real apps (API listening on a port, a dispatcher,
 * the tracking gateway), through HTTP and socket.io only: a small co-op, fast orders and fast
 * riders, until a simulated courier has delivered an order end to end.
 */
describe('living demo', () => {
  let system: TestSystem;
  let demo: RunningDemo | undefined;
  let folder: string;
  let demoEnv: Record<string, string>;

  beforeAll(async () => {
    system = await bootSystem({ tracking: true });
    await system.apiApp.app.listen(0, '127.0.0.1');
    const apiUrl = (await system.apiApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    folder = mkdtempSync(join(tmpdir(), 'bd-demo-'));
    demoEnv = {
      DEMO_API_URL: apiUrl,
      DEMO_TRACKING_URL: system.trackingUrl!,
      ADMIN_EMAIL: system.apiApp.config.env.ADMIN_EMAIL!,
      ADMIN_PASSWORD: system.apiApp.config.env.ADMIN_PASSWORD!,
      DEMO_LOGINS_FILE: join(folder, 'demo-logins.txt'),
      DEMO_CITIES: 'valence',
      DEMO_MERCHANTS_PER_COOP: '2',
      DEMO_COURIERS_PER_COOP: '3',
      DEMO_MANUAL_COURIERS: '0',
      DEMO_ORDER_INTERVAL_SECONDS: '3',
      DEMO_READY_MINUTES: '0',
      // Fast riders and frequent fixes, so a delivery takes seconds, not a quarter of an hour.
      DEMO_COURIER_SPEED_KMH: '700',
      DEMO_LOCATION_INTERVAL_SECONDS: '0.5',
      DEMO_OFFER_DELAY_SECONDS: '0.2,0.5',
      DEMO_BREAK_EVERY_MINUTES: '0',
      DEMO_LOGINS_PER_MINUTE: '1000',
    };
  });

  afterAll(async () => {
    await demo?.stop();
    await system?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('seeds a co-op and its people, then a simulated courier delivers an order end to end', async () => {
    demo = await startDemo(readDemoConfig(demoEnv), log);
    const [{ cooperative, people }] = demo.seeded;
    expect(people.merchants).toHaveLength(2);
    expect(people.couriers).toHaveLength(3);
    const logins = readFileSync(demoEnv.DEMO_LOGINS_FILE, 'utf8');
    expect(logins).toContain(people.dispatcherEmail);
    expect(logins).toContain('/app/dispatch');
    expect(logins).toContain('/app/courier');
    expect(logins).toContain('/app/merchant');

    const dispatcher = await system.api.login(people.dispatcherEmail, 'demo-password');
    expect(dispatcher.user).toMatchObject({ role: 'dispatcher', cooperativeId: cooperative.id });

    const stats = demo.stats;
    const orderId = await eventually('a delivery by a simulated courier', async () => stats.deliveredOrderIds[0], 120_000);
    const order = (await system.api.http.get(`/api/v1/orders/${orderId}`).set(dispatcher.auth).expect(200)).body;
    expect(order.status).toBe('delivered');
    expect(people.couriers.map((courier) => courier.courierId)).toContain(order.courierId);
    expect(people.merchants.map((merchant) => merchant.id)).toContain(order.merchantId);
    expect(order.proof).toMatchObject({ type: 'pin' });
    const statuses = order.events.map((event: { status: string }) => event.status);
    expect(statuses).toEqual(expect.arrayContaining(['pending', 'offered', 'assigned', 'picked_up', 'delivered']));

    // The courier's positions went through the gateway: the board shows the fleet where it rode.
    const board = (await system.api.http.get('/api/v1/dispatch/board').set(dispatcher.auth).expect(200)).body;
    const positioned = board.couriers.filter((courier: { position: unknown }) => courier.position);
    expect(positioned.length).toBeGreaterThanOrEqual(1);

    await demo.stop();
    demo = undefined;
    const onShift = (await system.api.http.get('/api/v1/couriers?onShift=true').set(dispatcher.auth).expect(200)).body;
    expect(onShift.items).toEqual([]);
  });

  it('a second run reuses what the first created', async () => {
    const again = await startDemo(readDemoConfig({ ...demoEnv, DEMO_SEED_ONLY: 'true' }), log);
    await again.stop();
    const [{ cooperative, people }] = again.seeded;
    const platform = await system.api.platformAdmin();
    const coops = (await system.api.http.get('/api/v1/cooperatives').set(platform.auth).expect(200)).body.items;
    expect(coops.filter((coop: { slug: string }) => coop.slug === cooperative.slug)).toHaveLength(1);
    const admin = await system.api.login(people.adminEmail, 'demo-password');
    const couriers = (await system.api.http.get('/api/v1/couriers').set(admin.auth).expect(200)).body.items;
    expect(couriers).toHaveLength(3);
    const merchants = (await system.api.http.get('/api/v1/merchants').set(admin.auth).expect(200)).body.items;
    expect(merchants).toHaveLength(2);
  });
});
