import { dirname, join } from 'node:path';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * The demo's own settings. This process is a client of the running system (HTTP + socket.io),
 * not one of its servers, so it reads only what a client needs, not libs/config's AppConfig.
 */
const demoEnvironment = z.object({
  DEMO_API_URL: z.string().url().default('http://127.0.0.1:3000'),
  DEMO_TRACKING_URL: z.string().url().default('http://127.0.0.1:3001'),
  ADMIN_EMAIL: z.string({ error: 'ADMIN_EMAIL is required (the platform admin the seed logs in as)' }).email(),
  ADMIN_PASSWORD: z.string({ error: 'ADMIN_PASSWORD is required' }).min(8),
  DEMO_LOGINS_FILE: z.string().default('.local/demo-logins.txt'),
  /** Tokens and merchant API keys kept between runs, so a second run needs no password logins. */
  DEMO_SESSIONS_FILE: z.string().optional(),
  /** The password of every demo account: they are printed for anyone to try, on purpose. */
  DEMO_PASSWORD: z.string().min(8).default('demo-password'),
  DEMO_SEED: z.coerce.number().int().default(2026),
  /** Which cities to seed, from apps/demo/src/cities.ts. */
  DEMO_CITIES: z.string().default('valence,lyon').transform((value) => value.split(',').map((city) => city.trim()).filter(Boolean)),
  DEMO_MERCHANTS_PER_COOP: z.coerce.number().int().min(1).max(10).default(8),
  DEMO_COURIERS_PER_COOP: z.coerce.number().int().min(1).max(40).default(16),
  /** Couriers per co-op the simulator leaves alone, for a person to drive from /app/courier. */
  DEMO_MANUAL_COURIERS: z.coerce.number().int().min(0).default(1),
  /**
   * Mean seconds between two orders of one co-op (each wait is drawn in ±40 % of it). A rider
   * does about one order in ten minutes here, so 40 s keeps 15 riders busy but not swamped.
   */
  DEMO_ORDER_INTERVAL_SECONDS: z.coerce.number().positive().default(40),
  /** Minutes between an order and its readyAt (the kitchen's cooking time). */
  DEMO_READY_MINUTES: z.coerce.number().min(0).max(120).default(3),
  DEMO_COURIER_SPEED_KMH: z.coerce.number().positive().max(1000).default(16),
  DEMO_LOCATION_INTERVAL_SECONDS: z.coerce.number().min(0.2).max(30).default(2.5),
  DEMO_DECLINE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  /** Seconds a courier takes to read an offer before answering (drawn between these two). */
  DEMO_OFFER_DELAY_SECONDS: z.string().default('2,6').transform(parseRange),
  /** Mean minutes between two breaks (off shift for a while) of one idle courier; 0 = no breaks. */
  DEMO_BREAK_EVERY_MINUTES: z.coerce.number().min(0).default(15),
  /** Password logins per minute the demo allows itself: the API allows 10 per address by default, keep some for people. */
  DEMO_LOGINS_PER_MINUTE: z.coerce.number().int().min(1).default(8),
  /** Seed, write the logins, and exit without simulating. */
  DEMO_SEED_ONLY: flag.default(false),
});

export type DemoConfig = Omit<z.infer<typeof demoEnvironment>, 'DEMO_SESSIONS_FILE'> & { DEMO_SESSIONS_FILE: string };

function parseRange(value: string, context: z.RefinementCtx): [number, number] {
  const [low, high = low] = value.split(',').map(Number);
  if (!Number.isFinite(low) || !Number.isFinite(high) || low < 0 || high < low) {
    context.addIssue({ code: 'custom', message: 'must be "low,high" seconds' });
    return [0, 0];
  }
  return [low, high];
}

export class DemoConfigError extends Error {}

/** Validates the environment once; the message names every bad variable on one line. */
export function readDemoConfig(environment: Record<string, string | undefined> = process.env): DemoConfig {
  const parsed = demoEnvironment.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new DemoConfigError(`demo: invalid environment: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  return { ...config, DEMO_SESSIONS_FILE: config.DEMO_SESSIONS_FILE ?? join(dirname(config.DEMO_LOGINS_FILE), 'demo-sessions.json') };
}
