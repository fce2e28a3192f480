import type { Browser } from 'playwright-core';
import type { CoopFixture } from '@lib/testing';
import { bootSystem, TestSystem } from '../support/system';
import { fixtureWriter, memberCourier } from '../reports/support/fixture-day';
import { isolatedContext, launchChromium, saveScreenshot, useSession } from './support/browser';

jest.setTimeout(60_000);

/** A page expression: the courier's jobs cell reads `text` (the table re-renders when a report arrives). */
const firstCellIs = (courierId: string, text: string) =>
  `document.querySelector('[data-testid="courier-report"] tr[data-courier-id="${courierId}"] td')?.textContent === ${JSON.stringify(text)}`;

/** The fairness report tab of the dispatcher page, on a fixture day (Tuesday 24 November 2026, Paris). */
describe('dispatcher page: fairness report', () => {
  let stack: TestSystem & { baseUrl: string };
  let coop: CoopFixture;
  let browser: Browser;
  const names = { ana: 'Ana', bea: 'Béa', cyr: 'Cyr' };
  const ids = { ana: '', bea: '', cyr: '' };

  beforeAll(async () => {
    stack = await bootSystem({ web: true, dispatchers: 0 });
    coop = await stack.api.newCooperative();
    const fixture = fixtureWriter(stack, coop);
    ids.ana = coop.courier.courierId;
    await fixture.backdate(ids.ana);
    ids.bea = (await memberCourier(stack, coop, fixture)).courierId;
    ids.cyr = (await memberCourier(stack, coop, fixture)).courierId;
    for (const key of ['ana', 'bea', 'cyr'] as const) await fixture.rename(ids[key], names[key]);
    // Ana 4 h, 3 jobs, 24.00 → 6.00/h; Béa 2 h, 1 job, 8.00 → 4.00/h; Cyr 1 h, nothing → 0/h.
    await fixture.shift(ids.ana, '2026-11-24T10:00:00Z', '2026-11-24T14:00:00Z');
    for (const [hour, price] of [[11, 700], [12, 800], [13, 900]]) await fixture.delivered(ids.ana, `2026-11-24T${hour}:00:00Z`, price, 2000);
    await fixture.shift(ids.bea, '2026-11-24T11:00:00Z', '2026-11-24T13:00:00Z');
    await fixture.delivered(ids.bea, '2026-11-24T12:30:00Z', 800, 1500);
    await fixture.offer(ids.bea, '2026-11-24T11:10:00Z', 'declined');
    await fixture.shift(ids.cyr, '2026-11-24T18:00:00Z', '2026-11-24T19:00:00Z');
    // Thursday of the same week: one more job for Cyr.
    await fixture.shift(ids.cyr, '2026-11-26T18:00:00Z', '2026-11-26T19:00:00Z');
    await fixture.delivered(ids.cyr, '2026-11-26T18:30:00Z', 1000, 2500);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the day\'s rows and a bar of earnings per shift-hour per courier, then the week', async () => {
    const office = await isolatedContext(browser, stack.baseUrl);
    await useSession(office, 'dispatch', coop.dispatcher);
    const page = await office.newPage();
    await page.goto('/app/dispatch');
    await page.getByRole('tab', { name: 'Fairness report' }).click();
    await page.getByLabel('Date').fill('2026-11-24');
    const table = page.getByTestId('courier-report');
    // The tab first shows today (all zeros): wait for the chosen day's figures.
    await page.waitForFunction(firstCellIs(ids.ana, '3'));

    const cells = async (courierId: string) => table.locator(`tr[data-courier-id="${courierId}"]`).locator('th, td').allInnerTexts();
    expect(await cells(ids.ana)).toEqual(['Ana', '3', '6.0', '4.0 h', '€24.00', '0', '0']);
    expect(await cells(ids.bea)).toEqual(['Béa', '1', '1.5', '2.0 h', '€8.00', '1', '0']);
    expect(await cells(ids.cyr)).toEqual(['Cyr', '0', '0.0', '1.0 h', '€0.00', '0', '0']);

    const bars = page.getByTestId('earnings-bar');
    expect(await bars.count()).toBe(3);
    const bar = async (courierId: string) => {
      const rect = page.locator(`[data-courier-id="${courierId}"] [data-testid="earnings-bar"]`);
      return { value: Number(await rect.getAttribute('data-value')), width: Number(await rect.getAttribute('width')) };
    };
    const [ana, bea, cyr] = [await bar(ids.ana), await bar(ids.bea), await bar(ids.cyr)];
    expect([ana.value, bea.value, cyr.value]).toEqual([600, 400, 0]);
    // The longest bar is the highest earner's; the others in proportion.
    expect(bea.width / ana.width).toBeCloseTo(400 / 600, 2);
    expect(cyr.width).toBe(0);
    await expect(page.getByTestId('report-gini').innerText()).resolves.toMatch(/jobs 0\.\d{3} · earnings 0\.\d{3}/);
    await saveScreenshot(page, 'dispatch-fairness-report');

    await page.getByLabel('Period').selectOption('week');
    await page.waitForFunction(firstCellIs(ids.cyr, '1'));
    expect(await cells(ids.cyr)).toEqual(['Cyr', '1', '2.5', '2.0 h', '€10.00', '0', '0']);
    expect(Number(await page.locator(`[data-courier-id="${ids.cyr}"] [data-testid="earnings-bar"]`).getAttribute('data-value'))).toBe(500);

    // French, like the rest of the page.
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await page.getByRole('tab', { name: 'Rapport d’équité' }).waitFor();
    await expect(table.locator('thead th').first().innerText()).resolves.toBe('Coursier');
    await office.close();
  });
});
