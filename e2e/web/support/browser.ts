import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';

const screenshots = join(__dirname, '../../../test-artifacts/screenshots');

/** Debian's chromium (scripts/ensure-chromium.sh installs it); playwright cannot download one here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A fresh browser profile that may reach only the app under test: any other host (the
 * public tile server in particular) is refused, so the tests prove the pages work with no
 * tiles and never depend on the internet.
 */
export async function isolatedContext(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 800 }, ...options });
  const allowed = new URL(baseUrl).hostname;
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === allowed ? route.continue() : route.abort('internetdisconnected');
  });
  return context;
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshots, { recursive: true });
  const path = join(screenshots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface PageSession {
  token: string;
  user: { id: string; role: string; cooperativeId: string | null; name: string; merchantId?: string | null; courierId?: string | null };
}

/**
 * Opens the page already signed in, as after an earlier visit: the session goes where the
 * page keeps it. Spares the login endpoint, which allows only 10 attempts a minute.
 */
export async function useSession(context: BrowserContext, page: 'dispatch' | 'courier' | 'merchant', session: PageSession): Promise<void> {
  const stored = JSON.stringify({ accessToken: session.token, user: session.user });
  await context.addInitScript({ content: `localStorage.setItem(${JSON.stringify(`bd.session.${page}`)}, ${JSON.stringify(stored)});` });
}

/** Fills the page's sign-in form (labels are the accessible names). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The courier app on a phone-sized screen standing at `position` (geolocation granted), signed
 * in as `session`. The context is returned too: tests move the phone or cut its network.
 */
export async function openCourierPhone(browser: Browser, baseUrl: string, session: PageSession, position: { lat: number; lng: number }): Promise<{ phone: BrowserContext; page: Page }> {
  const phone = await isolatedContext(browser, baseUrl, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    permissions: ['geolocation'],
    geolocation: { latitude: position.lat, longitude: position.lng },
  });
  await useSession(phone, 'courier', session);
  const page = await phone.newPage();
  await page.goto('/app/courier');
  return { phone, page };
}
