import type { Browser } from 'playwright-core';
import { CourierPositions } from '@lib/positions';
import { CoopFixture } from '@lib/testing';
import { launchChromium, openCourierPhone, saveScreenshot } from './support/browser';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(60_000);

const NORTH_DEGREES = 0.003;

/** Positions taken with no network wait in the phone and reach the server when it is back. */
describe('courier page offline', () => {
  let stack: TestSystem & { baseUrl: string };
  let coop: CoopFixture;
  let browser: Browser;

  beforeAll(async () => {
    stack = await bootSystem({ web: true, tracking: true, dispatchers: 0 });
    coop = await stack.api.newCooperative();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function storedLatitude(): Promise<number | null> {
    const positions = stack.apiApp.app.get(CourierPositions, { strict: false });
    return (await positions.get(coop.cooperative.id, coop.courier.courierId))?.lat ?? null;
  }

  async function eventually(what: string, probe: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('buffers positions while offline and sends them when the network returns', async () => {
    const { lat, lng } = coop.center;
    const { phone, page } = await openCourierPhone(browser, stack.baseUrl, coop.courier, coop.center);
    await page.locator('.live.live--on').waitFor();
    await page.getByRole('button', { name: 'Start shift' }).click();
    await eventually('the first position', async () => Math.abs(((await storedLatitude()) ?? 0) - lat) < 1e-6);

    await phone.setOffline(true);
    await phone.setGeolocation({ latitude: lat + NORTH_DEGREES, longitude: lng });
    await page.getByTestId('offline-queue').filter({ hasText: 'waiting for the network' }).waitFor({ timeout: 15_000 });
    await saveScreenshot(page, 'courier-offline');
    expect(Math.abs(((await storedLatitude()) ?? 0) - lat)).toBeLessThan(1e-6);

    await phone.setOffline(false);
    await eventually('the buffered position', async () => ((await storedLatitude()) ?? 0) > lat + NORTH_DEGREES / 2);
    await page.waitForFunction(`document.querySelector('[data-testid="offline-queue"]').textContent === ''`);
    await phone.close();
  });
});
