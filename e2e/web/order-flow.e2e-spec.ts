import type { Browser, Page } from 'playwright-core';
import { CoopFixture, VALENCE } from '@lib/testing';
import { isolatedContext, launchChromium, openCourierPhone, saveScreenshot, useSession } from './support/browser';
import { bootSystem, TestSystem } from '../support/system';
import { eventually } from '../support/eventually';

jest.setTimeout(90_000);

/**
 * The whole product in browsers: a merchant places an order, the dispatch worker offers it
 * to the courier on shift nearby, whose page accepts it, picks it up and delivers it with the
 * customer's PIN, while the dispatcher's queue and the customer's tracking page follow along.
 */
describe('an order from the merchant page to the courier page', () => {
  let stack: TestSystem & { baseUrl: string };
  let coop: CoopFixture;
  let browser: Browser;

  beforeAll(async () => {
    stack = await bootSystem({ web: true, tracking: true });
    coop = await stack.api.newCooperative(VALENCE, { dispatchMode: 'auto', offerTimeoutSeconds: 60 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function courierOnShift(): Promise<Page> {
    const { page } = await openCourierPhone(browser, stack.baseUrl, coop.courier, coop.center);
    await page.locator('.live.live--on').waitFor();
    await page.getByRole('button', { name: 'Start shift' }).click();
    await page.getByRole('button', { name: 'End shift' }).waitFor();
    return page;
  }

  async function placeOrder(reference: string): Promise<void> {
    const shop = await isolatedContext(browser, stack.baseUrl);
    await useSession(shop, 'merchant', coop.merchantUser);
    const page = await shop.newPage();
    await page.goto('/app/merchant');
    await page.getByLabel('Delivery address').fill('8 avenue Victor Hugo, Valence');
    await page.getByLabel('Your reference').fill(reference);
    const area = (await page.locator('path.service-area').boundingBox())!;
    await page.mouse.click(area.x + area.width * 0.55, area.y + area.height * 0.45);
    await page.getByRole('button', { name: 'Get a price' }).click();
    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.locator('[data-order-id]', { hasText: reference }).waitFor();
  }

  /** A co-op dispatching by hand, its courier on shift (until `shift.until`, if given), and one order waiting. */
  async function manualCoopWithOrder(reference: string, shift: { until?: string } = {}): Promise<{ manual: CoopFixture; orderId: string; trackingToken: string }> {
    const manual = await stack.api.newCooperative(VALENCE, { dispatchMode: 'manual' });
    await stack.api.http.put('/api/v1/couriers/me/shift').set(manual.courier.auth).send({ onShift: true, ...shift }).expect(200);
    const created = await stack.api.http
      .post('/api/v1/orders')
      .set(manual.merchantUser.auth)
      .set('Idempotency-Key', `${reference}-${Date.now()}`)
      .send({ dropoff: { address: '9 rue Madier de Montjau, Valence', location: { lat: manual.center.lat - 0.003, lng: manual.center.lng } }, reference })
      .expect(201);
    return { manual, orderId: created.body.id, trackingToken: created.body.trackingToken };
  }

  /** Holds the answers to `url` (after the first `passing` ones): each is read from the server at
   *  once and reaches the page only on `release()`, as a slow network delivers an old answer late. */
  async function holdAnswers(page: Page, url: string, passing = 0) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = { reads: 0, delivered: 0, release: () => release() };
    await page.route(url, async (route) => {
      held.reads += 1;
      if (held.reads <= passing) return route.continue();
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
      held.delivered += 1;
    });
    return held;
  }

  /** Releases what `holdAnswers` held and lets the page handle it. */
  async function deliverHeld(page: Page, held: Awaited<ReturnType<typeof holdAnswers>>, passing = 0): Promise<void> {
    held.release();
    await eventually('the held answers to arrive', async () => held.delivered === held.reads - passing);
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 50))');
  }

  it('the courier receives the offer, accepts it and delivers', async () => {
    const office = await isolatedContext(browser, stack.baseUrl);
    await useSession(office, 'dispatch', coop.dispatcher);
    const dispatch = await office.newPage();
    await dispatch.goto('/app/dispatch');
    await dispatch.locator('.live.live--on').waitFor();

    const courier = await courierOnShift();
    await placeOrder('flow-1');

    const offer = courier.locator('[data-offer-id]');
    await offer.waitFor({ timeout: 30_000 });
    await expect(offer.textContent()).resolves.toMatch(/Expires in \d+ s/);
    await saveScreenshot(courier, 'courier-offer');
    await dispatch.locator('[data-list="queue"] [data-order-id]', { hasText: 'flow-1' }).waitFor();
    await saveScreenshot(dispatch, 'dispatch-with-order');

    await offer.getByRole('button', { name: 'Accept' }).click();
    const job = courier.locator('article[data-status="assigned"]');
    await job.waitFor();
    await dispatch.locator('[data-list="active"] [data-order-id]', { hasText: 'flow-1' }).waitFor();

    // The customer follows the order by its link, with the PIN to give at the door.
    const listed = await stack.api.http.get('/api/v1/orders').set(coop.merchantUser.auth).expect(200);
    const { trackingToken } = listed.body.items.find((order: { reference: string }) => order.reference === 'flow-1');
    const customer = await isolatedContext(browser, stack.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true });
    const tracking = await customer.newPage();
    await tracking.goto(`/track/${trackingToken}`);
    await tracking.getByTestId('tracking-status').filter({ hasText: 'Assigned' }).waitFor();
    const pin = /: (\S+)$/.exec((await tracking.getByTestId('tracking-details').textContent()) ?? '')?.[1];
    expect(pin).toBeTruthy();

    await job.getByRole('button', { name: 'Picked up' }).click();
    const onTheWay = courier.locator('article[data-status="picked_up"]');
    await onTheWay.waitFor();
    // The job map shows while the courier has a job, and goes away with the last one.
    await courier.getByTestId('job-map').waitFor({ state: 'visible' });
    await tracking.getByTestId('tracking-status').filter({ hasText: 'Picked up' }).waitFor();
    await saveScreenshot(courier, 'courier-job');
    await saveScreenshot(tracking, 'track-on-the-way');
    await onTheWay.getByLabel('Customer PIN').fill(pin!);
    await onTheWay.getByRole('button', { name: 'Delivered' }).click();
    await onTheWay.waitFor({ state: 'detached' });
    await courier.getByTestId('job-map').waitFor({ state: 'hidden' });
    await tracking.getByTestId('tracking-status').filter({ hasText: 'Delivered' }).waitFor();
    await saveScreenshot(tracking, 'track-delivered');

    const orders = await stack.api.http.get('/api/v1/orders').set(coop.merchantUser.auth).expect(200);
    expect(orders.body.items.find((order: { reference: string }) => order.reference === 'flow-1')).toMatchObject({ status: 'delivered', courierId: coop.courier.courierId });
    await dispatch.locator('[data-order-id]', { hasText: 'flow-1' }).waitFor({ state: 'detached' });
  });

  it('a dispatcher assigns a waiting order by hand and reads its dispatch log', async () => {
    const until = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const { manual, orderId } = await manualCoopWithOrder('by-hand', { until });

    const office = await isolatedContext(browser, stack.baseUrl);
    await useSession(office, 'dispatch', manual.dispatcher);
    const page = await office.newPage();
    await page.goto('/app/dispatch');
    await page.locator('[data-list="queue"] [data-order-id]', { hasText: 'by-hand' }).click();
    // The picker says when each courier plans to stop, in the dispatcher's clock.
    const untilClock = await page.evaluate<string>(`new Intl.DateTimeFormat(navigator.language, { hour: '2-digit', minute: '2-digit' }).format(new Date(${JSON.stringify(until)}))`);
    await expect(page.getByLabel('Courier').locator(`option[value="${manual.courier.courierId}"]`).textContent()).resolves.toContain(`until ${untilClock}`);
    await page.getByLabel('Courier').selectOption(manual.courier.courierId);
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.locator('[data-list="active"] [data-order-id]', { hasText: 'by-hand' }).waitFor();
    await page.getByRole('button', { name: 'Unassign' }).waitFor();
    await page.getByRole('list', { name: 'Dispatch log' }).filter({ hasText: 'assigned' }).waitFor();
    await saveScreenshot(page, 'dispatch-assigned');
    const order = await stack.api.http.get(`/api/v1/orders/${orderId}`).set(manual.dispatcher.auth).expect(200);
    expect(order.body).toMatchObject({ status: 'assigned', courierId: manual.courier.courierId });
    await office.close();
  });
  it('the tracking page keeps a live status when an answer read before it arrives after it', async () => {
    const { manual, orderId, trackingToken } = await manualCoopWithOrder('race');
    await stack.api.http.post(`/api/v1/orders/${orderId}/assign`).set(manual.dispatcher.auth).send({ courierId: manual.courier.courierId }).expect(200);
    const customer = await isolatedContext(browser, stack.baseUrl);
    const page = await customer.newPage();
    // The page reads the order once to draw itself, and again when its socket connects: that
    // second answer is read while the order is assigned.
    const held = await holdAnswers(page, '**/api/v1/track/**', 1);
    await page.goto(`/track/${trackingToken}`);
    await page.getByTestId('tracking-status').filter({ hasText: 'Assigned' }).waitFor();
    await eventually('the page to read the order again on connecting', async () => held.reads === 2);

    await stack.api.http.post(`/api/v1/orders/${orderId}/pickup`).set(manual.courier.auth).expect(200);
    await page.getByTestId('tracking-status').filter({ hasText: 'Picked up' }).waitFor();
    await deliverHeld(page, held, 1);
    await expect(page.getByTestId('tracking-status').textContent()).resolves.toContain('Picked up');
    await customer.close();
  });

  it('the courier page keeps a job handed over while its job list was on the way', async () => {
    const { manual, orderId } = await manualCoopWithOrder('handover');
    const phone = await isolatedContext(browser, stack.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true });
    await useSession(phone, 'courier', manual.courier);
    const page = await phone.newPage();
    // The page lists its jobs on load and when its socket connects, both read with no job yet.
    const held = await holdAnswers(page, '**/api/v1/orders?limit=200');
    await page.goto('/app/courier');
    await page.locator('.live.live--on').waitFor();
    await eventually('the page to ask for its jobs', async () => held.reads > 0);

    await stack.api.http.post(`/api/v1/orders/${orderId}/assign`).set(manual.dispatcher.auth).send({ courierId: manual.courier.courierId }).expect(200);
    const job = page.locator('article[data-status="assigned"]');
    await job.waitFor();
    await deliverHeld(page, held);
    expect(await job.count()).toBe(1);
    await phone.close();
  });
});
