import { Client } from 'pg';
import Redis from 'ioredis';
import { AppConfig, redactUrl } from '@lib/config';

export interface StoreCheckOptions {
  /**
   * Refuse a Redis that may evict keys (`maxmemory-policy` other than `noeviction`): queued jobs
   * and their locks would vanish under memory pressure. For the processes that run queue workers.
   */
  noEviction?: boolean;
}

/**
 * Fails fast, with one line naming the store, when PostgreSQL or Redis cannot be reached (or,
 * for queue workers, when Redis may evict keys); otherwise a process would start and then fail
 * every request. Returns warnings about what it could not check.
 */
export async function checkStores(config: AppConfig, options: StoreCheckOptions = {}): Promise<string[]> {
  const timeout = config.env.STORE_CHECK_TIMEOUT_MS;
  const warnings: string[] = [];
  await describeFailure('DATABASE_URL', config.env.DATABASE_URL, async () => {
    const client = new Client({ connectionString: config.env.DATABASE_URL, connectionTimeoutMillis: timeout });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  let redis: Redis | undefined;
  try {
    await describeFailure('REDIS_URL', config.env.REDIS_URL, async () => {
      redis = new Redis(config.env.REDIS_URL, { lazyConnect: true, connectTimeout: timeout, commandTimeout: timeout, maxRetriesPerRequest: 0, retryStrategy: () => null });
      // ioredis reports the cause (ECONNREFUSED...) as an event and rejects with a generic message.
      let cause: Error | undefined;
      redis.on('error', (error: Error) => (cause ??= error));
      try {
        await redis.connect();
        await redis.ping();
      } catch (error) {
        throw cause ?? error;
      }
    });
    if (options.noEviction) warnings.push(...(await checkNoEviction(redis!, config.env.REDIS_URL)));
  } finally {
    redis?.disconnect();
  }
  return warnings;
}

async function checkNoEviction(redis: Redis, url: string): Promise<string[]> {
  let policy: string;
  try {
    const [, value] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = value;
  } catch (error) {
    // Managed Redis often disables CONFIG; INFO may still tell, but the operator has the last word there.
    const reported = await redis.info('memory').then((info) => /^maxmemory_policy:(\S+)/m.exec(info)?.[1], () => undefined);
    return [
      `cannot read Redis maxmemory-policy with CONFIG (${firstLine(error)}); ` +
        `${reported ? `INFO reports ${reported}` : 'INFO does not tell either'}. Queued jobs are safe only with noeviction`,
    ];
  }
  if (policy !== 'noeviction') {
    throw new StoreMisconfiguredError(`REDIS_URL (${redactUrl(url)}) has maxmemory-policy ${policy}: queued jobs could be evicted; set it to noeviction`);
  }
  return [];
}

async function describeFailure(name: string, url: string, probe: () => Promise<void>): Promise<void> {
  try {
    await probe();
  } catch (error) {
    throw new StoreUnreachableError(`${name} is unreachable (${redactUrl(url)}): ${firstLine(error)}`);
  }
}

function firstLine(error: unknown): string {
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return reason.split('\n')[0];
}

export class StoreUnreachableError extends Error {
  override name = 'StoreUnreachableError';
}

export class StoreMisconfiguredError extends Error {
  override name = 'StoreMisconfiguredError';
}
