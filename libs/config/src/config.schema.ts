import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const csv = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** Every environment variable the processes read, validated once at start-up. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string({ error: 'DATABASE_URL is required (postgres://user@host:port/db)' }).url('DATABASE_URL must be a URL'),
  /** Role the processes act as: not the table owner, no BYPASSRLS, so row-level security applies. */
  DATABASE_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('dispatch_app'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.string({ error: 'REDIS_URL is required (redis://host:port)' }).url('REDIS_URL must be a URL'),
  /** Prefix for every Redis key and queue, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default('bd'),
  API_PORT: port(3000),
  TRACKING_PORT: port(3001),
  DISPATCHER_PORT: port(3002),
  PUBLIC_BASE_URL: z.string().url().optional(),
  TRACKING_PUBLIC_URL: z.string().url().optional(),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(12 * 3600),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
  BODY_LIMIT: z.string().default('256kb'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Failed password attempts allowed per account in a window; then 429 until it ends. */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  /** Failed password attempts allowed per client address in a window (a co-op's office shares one). */
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  CORS_ORIGINS: csv.default([]),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  /** The dispatch policy production runs (the same code the replay lab measures). */
  DISPATCH_POLICY: z.enum(['rolling-horizon', 'greedy']).default('rolling-horizon'),
  /** How often each dispatcher sweeps the database for work (waiting orders, overdue offers). */
  DISPATCH_TICK_SECONDS: z.coerce.number().positive().max(300).default(15),
  /** A courier whose latest position is older than this gets no offers. */
  POSITION_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(120),
  /**
   * Decisions one dispatcher runs at once (always for different co-ops). A decision mostly
   * waits on PostgreSQL and Redis, so 8 keep one core busy: at 50 orders/s over 20 co-ops,
   * 2 left orders queueing for a turn (order -> offer p99 452 ms; 237 ms with 8, issue 20).
   * Keep it below DATABASE_POOL_SIZE: each holds a connection.
   */
  DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(8),
  /** Socket connection attempts per client address and minute, per gateway instance (bursts of a quarter of it). */
  HANDSHAKES_PER_MINUTE: z.coerce.number().int().positive().default(240),
  /** Allow webhooks to loopback and private networks (tests, a co-op's own LAN); off by default. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  STORE_CHECK_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
});

export type Environment = z.infer<typeof environmentSchema>;
