import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CoopFixture } from '@lib/testing';
import { isolatedContext, launchChromium, saveScreenshot, useSession } from './support/browser';
import { bootSystem, TestSystem } from '../support/system';
import { eventually } from '../support/eventually';

jest.setTimeout(60_000);

/** The phone's time zone: not UTC, and half an hour off whole hours, so a slip in the local-time conversion shows. */
const PHONE_ZONE = 'Asia/Kolkata';
const MINUTE = 60_000;

/** "21:30" on the phone's clock, as its time input takes it and the page shows it (en-GB: 24-hour). */
const clockOf = (at: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: PHONE_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
/** A whole minute `minutes` from now (a time input has no seconds). */
const minuteIn = (minutes: number) => Math.floor((Date.now() + minutes * MINUTE) / MINUTE) * MINUTE;

/** The planned end of a shift, chosen on the courier page: started with one, moved, passed, ended. */
describe('courier page shift end', () => {
  let stack: TestSystem & { baseUrl: string };
  let coop: CoopFixture;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await bootSystem({ web: true, dispatchers: 0 });
    coop = await stack.api.newCooperative();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    phone = await isolatedContext(browser, stack.baseUrl, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      timezoneId: PHONE_ZONE,
      permissions: ['geolocation'],
      geolocation: { latitude: coop.center.lat, longitude: coop.center.lng },
    });
    // A clock the test can move forward, ticking on its own meanwhile.
    await phone.clock.install();
    await useSession(phone, 'courier', coop.courier);
    page = await phone.newPage();
    await page.goto('/app/courier');
  });
  afterEach(() => phone?.close());

  async function me(): Promise<{ onShift: boolean; shiftStartedAt: string | null; shiftEndsAt: string | null }> {
    return (await stack.api.http.get('/api/v1/couriers/me').set(coop.courier.auth).expect(200)).body;
  }
  const shiftState = () => page.locator('#shift-state');

  it('shows the API’s reason when it refuses a planned end, and stays off shift', async () => {
    // An hour ago means tomorrow at that time: 23 hours ahead, more than the API allows.
    await page.getByLabel('Until (optional)').fill(clockOf(Date.now() - 60 * MINUTE));
    await page.getByRole('button', { name: 'Start shift', pressed: false }).click();
    await page.getByRole('alert').filter({ hasText: 'Shift not changed: until must be within 16 hours' }).waitFor();
    await expect(shiftState().textContent()).resolves.toBe('Off shift');
    await expect(page.locator('#shift-toggle').getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await me()).toMatchObject({ onShift: false, shiftEndsAt: null });
  });

  it('starts a shift until a chosen time, stays longer (online and offline), warns once it has passed, and ends it', async () => {
    const end = minuteIn(120);
    await page.getByLabel('Until (optional)').fill(clockOf(end));
    await page.getByRole('button', { name: 'Start shift' }).click();
    await page.getByRole('button', { name: 'End shift', pressed: true }).waitFor();
    await expect(shiftState().textContent()).resolves.toBe(`On shift until ${clockOf(end)}`);
    await expect(page.getByLabel('Planned end').inputValue()).resolves.toBe(clockOf(end));
    const started = await me();
    expect(started.onShift).toBe(true);
    expect(Date.parse(started.shiftEndsAt!)).toBe(end);
    await saveScreenshot(page, 'courier-shift-until');

    // Stay longer: the same shift, a later end.
    const later = end + 90 * MINUTE;
    await page.getByLabel('Planned end').fill(clockOf(later));
    await page.getByRole('button', { name: 'Change end time' }).click();
    await shiftState().filter({ hasText: `On shift until ${clockOf(later)}` }).waitFor();
    const extended = await me();
    expect(Date.parse(extended.shiftEndsAt!)).toBe(later);
    expect(extended.shiftStartedAt).toBe(started.shiftStartedAt);

    // Offline the change waits in the queue with its planned end, and is replayed when the network returns.
    const evenLater = later + 30 * MINUTE;
    await phone.setOffline(true);
    await page.getByLabel('Planned end').fill(clockOf(evenLater));
    await page.getByRole('button', { name: 'Change end time' }).click();
    await shiftState().filter({ hasText: `On shift until ${clockOf(evenLater)}` }).waitFor();
    await page.getByTestId('offline-queue').filter({ hasText: 'waiting for the network' }).waitFor();
    expect(Date.parse((await me()).shiftEndsAt!)).toBe(later);
    await phone.setOffline(false);
    await eventually('the queued planned end', async () => Date.parse((await me()).shiftEndsAt ?? '') === evenLater, 20_000);

    // Past the planned end the page says so without a reload; the shift itself goes on.
    const passed = page.getByRole('alert').filter({ hasText: `Your planned end (${clockOf(evenLater)}) has passed: no new offers.` });
    expect(await passed.isVisible()).toBe(false);
    await page.clock.fastForward(evenLater - Date.now() + MINUTE);
    await passed.waitFor();
    await expect(page.getByText('Waiting for an offer…').isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'End shift', pressed: true }).waitFor();
    await expect(page.getByLabel('Planned end').inputValue()).resolves.toBe('');
    await saveScreenshot(page, 'courier-shift-end-passed');

    await page.getByRole('button', { name: 'End shift' }).click();
    await page.getByRole('button', { name: 'Start shift', pressed: false }).waitFor();
    await expect(shiftState().textContent()).resolves.toBe('Off shift');
    expect(await passed.isVisible()).toBe(false);
    await expect(page.getByLabel('Until (optional)').inputValue()).resolves.toBe('');
    expect(await me()).toMatchObject({ onShift: false, shiftStartedAt: null, shiftEndsAt: null });
  });
});
