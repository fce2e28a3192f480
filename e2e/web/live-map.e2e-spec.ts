import type { Browser } from 'playwright-core';
import { CoopFixture } from '@lib/testing';
import { isolatedContext, launchChromium, openCourierPhone, saveScreenshot, useSession } from './support/browser';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(60_000);

/** ~300 m north of the co-op's centre. */
const NORTH_DEGREES = 0.003;

/** The courier page's geolocation, through the tracking gateway, moves the dispatcher's marker. */
describe('live map', () => {
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

  it('a dispatcher sees a courier on shift appear and move', async () => {
    const office = await isolatedContext(browser, stack.baseUrl);
    await useSession(office, 'dispatch', coop.dispatcher);
    const dispatch = await office.newPage();
    await dispatch.goto('/app/dispatch');
    await dispatch.locator('.live.live--on').waitFor();

    const { lat, lng } = coop.center;
    const { phone: street, page: courierPage } = await openCourierPhone(browser, stack.baseUrl, coop.courier, coop.center);
    await courierPage.locator('.live.live--on').waitFor();
    await courierPage.getByRole('button', { name: 'Start shift' }).click();

    const markerLat = `window.bikeDispatch.courierMarker(${JSON.stringify(coop.courier.courierId)})?.lat ?? null`;
    await dispatch.waitForFunction(`(${markerLat}) !== null && Math.abs((${markerLat}) - ${lat}) < 1e-6`, undefined, { timeout: 15_000 });
    await street.setGeolocation({ latitude: lat + NORTH_DEGREES, longitude: lng });
    await dispatch.waitForFunction(`(${markerLat}) > ${lat + NORTH_DEGREES / 2}`, undefined, { timeout: 15_000 });
    await saveScreenshot(dispatch, 'dispatch-live');
    await saveScreenshot(courierPage, 'courier-on-shift');
    await street.close();
    await office.close();
  });
});
