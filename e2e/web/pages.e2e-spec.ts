import type { Browser, BrowserContext } from 'playwright-core';
import { routesWithoutAccessPolicy } from '@lib/auth';
import { Account, CoopFixture } from '@lib/testing';
import { isolatedContext, launchChromium, openCourierPhone, saveScreenshot, signIn, useSession } from './support/browser';
import { bootSystem, NO_TILES, TestSystem } from '../support/system';

jest.setTimeout(60_000);

/** The four pages against the API alone: sign-in, maps without tiles, placing an order, languages. */
describe('web pages', () => {
  let stack: TestSystem & { baseUrl: string };
  let coop: CoopFixture;
  let browser: Browser;
  let context: BrowserContext;
  let accounts: { dispatcher: Account; merchant: Account };

  beforeAll(async () => {
    stack = await bootSystem({ web: true, dispatchers: 0 });
    coop = await stack.api.newCooperative();
    accounts = {
      dispatcher: await stack.api.newAccount(coop.admin, 'dispatcher'),
      merchant: await stack.api.newAccount(coop.admin, 'merchant', { merchantId: coop.merchant.id }),
    };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    context = await isolatedContext(browser, stack.baseUrl);
  });
  afterEach(() => context.close());

  it('serves the runtime config and refuses paths outside the assets folder', async () => {
    const config = await stack.api.http.get('/app/config.json').expect(200);
    expect(config.body).toEqual({ trackingUrl: stack.apiApp.config.trackingBaseUrl, tileUrl: NO_TILES });
    await stack.api.http.get('/assets/..%2Fdispatch.html').expect(404);
    await stack.api.http.get('/assets/no-such-file.js').expect(404);
    const page = await stack.api.http.get('/app/dispatch').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(routesWithoutAccessPolicy(stack.apiApp.app)).toEqual([]);
  });

  it('dispatcher: signs in and sees the service area on a map with no tiles, in either language', async () => {
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

  it('courier: starts a shift on a phone-sized screen', async () => {
    const { phone, page } = await openCourierPhone(browser, stack.baseUrl, coop.courier, coop.center);
    await page.getByRole('button', { name: 'Start shift' }).click();
    await page.getByRole('button', { name: 'End shift', pressed: true }).waitFor();
    const me = await stack.api.http.get('/api/v1/couriers/me').set(coop.courier.auth).expect(200);
    expect(me.body.onShift).toBe(true);
    await saveScreenshot(page, 'courier');
    await phone.close();
  });

  it('merchant: gets a quote, places an order once, and sees it in the list', async () => {
    const page = await context.newPage();
    await page.goto('/app/merchant');
    await signIn(page, accounts.merchant.email, accounts.merchant.password);
    await page.locator('path.service-area').waitFor();
    await page.getByLabel('Delivery address').fill('12 rue des Alpes, Valence');
    await page.getByLabel('Your reference').fill('web-order-1');
    const area = (await page.locator('path.service-area').boundingBox())!;
    await page.mouse.click(area.x + area.width * 0.6, area.y + area.height * 0.4);
    await page.getByRole('button', { name: 'Get a price' }).click();
    await page.getByTestId('quote').filter({ hasText: /km/ }).waitFor();
    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.locator('[data-order-id]', { hasText: 'web-order-1' }).waitFor();
    await saveScreenshot(page, 'merchant');
    const orders = await stack.api.http.get('/api/v1/orders').set(coop.merchantUser.auth).expect(200);
    expect(orders.body.items.filter((order: { reference: string }) => order.reference === 'web-order-1')).toHaveLength(1);
  });

  it('merchant: a drop-off outside the service area is refused before any request', async () => {
    await useSession(context, 'merchant', coop.merchantUser);
    const page = await context.newPage();
    await page.goto('/app/merchant');
    await page.locator('path.service-area').waitFor();
    // The area is a square centred in a wider map: the map's right edge lies outside it.
    const map = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(map.x + map.width - 12, map.y + map.height / 2);
    await page.getByRole('alert').filter({ hasText: 'outside the service area' }).waitFor();
  });

  it('tracking: an unknown link says so, in French for a French browser', async () => {
    const french = await isolatedContext(browser, stack.baseUrl, { locale: 'fr-FR', viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await french.newPage();
    await page.goto('/track/not-a-real-token');
    await page.getByRole('alert').filter({ hasText: 'Ce lien de suivi n’est pas valide' }).waitFor();
    await saveScreenshot(page, 'track-unknown');
    await french.close();
  });
});
