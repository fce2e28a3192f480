import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, BrowserContext } from 'playwright-core';
import { routesWithoutAccessPolicy } from '@lib/auth';
import { bootTestApp, CoopFixture, TestApi, TestApp } from '@lib/testing';
import { createApiApp } from '../../apps/api/src/api.app';
import { Account, newAccount } from './support/accounts';
import { isolatedContext, launchChromium, saveScreenshot, signIn } from './support/browser';
import { ensureWebBuilt } from './support/web-build';

// A tile server that refuses connections: the pages must draw without any tile.
const NO_TILES = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';

describe('web pages', () => {
  let harness: TestApp<NestExpressApplication>;
  let api: TestApi;
  let coop: CoopFixture;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let accounts: { dispatcher: Account; courier: Account; merchant: Account };

  beforeAll(async () => {
    ensureWebBuilt();
    harness = await bootTestApp(createApiApp, { listen: true, overrides: { MAP_TILE_URL: NO_TILES } });
    baseUrl = (await harness.app.getUrl()).replace('[::1]', '127.0.0.1');
    api = new TestApi(harness.app, harness.config);
    coop = await api.newCooperative();
    accounts = {
      dispatcher: await newAccount(api, coop.admin, 'dispatcher'),
      courier: await newAccount(api, coop.admin, 'courier', { courier: { vehicle: 'bike', capacity: 2 } }),
      merchant: await newAccount(api, coop.admin, 'merchant', { merchantId: coop.merchant.id }),
    };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    context = await isolatedContext(browser, baseUrl);
  });
  afterEach(() => context.close());

  it('serves the runtime config and refuses paths outside the assets folder', async () => {
    const config = await api.http.get('/app/config.json').expect(200);
    expect(config.body).toEqual({ trackingUrl: harness.config.trackingBaseUrl, tileUrl: NO_TILES });
    await api.http.get('/assets/..%2Fdispatch.html').expect(404);
    await api.http.get('/assets/no-such-file.js').expect(404);
    const page = await api.http.get('/app/dispatch').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(routesWithoutAccessPolicy(harness.app)).toEqual([]);
  });

  it('dispatcher: signs in and sees the service area on a map with no tiles', async () => {
    const page = await context.newPage();
    await page.goto('/app/dispatch');
    await saveScreenshot(page, 'dispatch-login');
    await signIn(page, accounts.dispatcher.email, accounts.dispatcher.password);
    await page.locator('path.service-area').waitFor();
    await page.getByRole('heading', { name: /Orders to dispatch/ }).waitFor();
    await expect(page.getByTestId('fleet-summary').textContent()).resolves.toMatch(/couriers on shift/);
    await saveScreenshot(page, 'dispatch');
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await page.getByRole('heading', { name: /Commandes à attribuer/ }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
  });

  it('courier: signs in on a phone-sized screen and starts a shift', async () => {
    const courierContext = await isolatedContext(browser, baseUrl, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      permissions: ['geolocation'],
      geolocation: { latitude: coop.center.lat, longitude: coop.center.lng },
    });
    const page = await courierContext.newPage();
    await page.goto('/app/courier');
    await signIn(page, accounts.courier.email, accounts.courier.password);
    await page.getByRole('button', { name: 'Start shift' }).click();
    await page.getByRole('button', { name: 'End shift', pressed: true }).waitFor();
    const me = await api.http.get('/api/v1/couriers/me').set(await bearer(accounts.courier)).expect(200);
    expect(me.body.onShift).toBe(true);
    await saveScreenshot(page, 'courier');
    await courierContext.close();
  });

  it('merchant: gets a quote, places an order once, and sees it in the list', async () => {
    const page = await context.newPage();
    await page.goto('/app/merchant');
    await signIn(page, accounts.merchant.email, accounts.merchant.password);
    await page.locator('path.service-area').waitFor();
    await page.getByLabel('Delivery address').fill('12 rue des Alpes, Valence');
    await page.getByLabel('Your reference').fill('web-order-1');
    await clickMapInsideArea(page);
    await page.getByRole('button', { name: 'Get a price' }).click();
    await page.getByTestId('quote').filter({ hasText: /km/ }).waitFor();
    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.locator('[data-order-id]', { hasText: 'web-order-1' }).waitFor();
    await saveScreenshot(page, 'merchant');
    const orders = await api.http.get('/api/v1/orders').set(coop.merchantUser.auth).expect(200);
    expect(orders.body.items.filter((order: { reference: string }) => order.reference === 'web-order-1')).toHaveLength(1);
  });

  it('merchant: a drop-off outside the service area is refused before any request', async () => {
    const page = await context.newPage();
    await page.goto('/app/merchant');
    await signIn(page, accounts.merchant.email, accounts.merchant.password);
    await page.locator('path.service-area').waitFor();
    // The area is a square centred in a wider map: the map's right edge lies outside it.
    const map = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(map.x + map.width - 12, map.y + map.height / 2);
    await page.getByRole('alert').filter({ hasText: 'outside the service area' }).waitFor();
  });

  it('tracking: an unknown link says so, in French for a French browser', async () => {
    const french = await isolatedContext(browser, baseUrl, { locale: 'fr-FR', viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await french.newPage();
    await page.goto('/track/not-a-real-token');
    await page.getByRole('alert').filter({ hasText: 'Ce lien de suivi n’est pas valide' }).waitFor();
    await saveScreenshot(page, 'track-unknown');
    await french.close();
  });

  async function bearer(account: Account) {
    const session = await api.login(account.email, account.password);
    return session.auth;
  }
});

/** Clicks the centre of the drawn service area, which the fixture centres on the merchant. */
async function clickMapInsideArea(page: import('playwright-core').Page): Promise<void> {
  const box = await page.locator('path.service-area').boundingBox();
  if (!box) throw new Error('service area not drawn');
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
}
