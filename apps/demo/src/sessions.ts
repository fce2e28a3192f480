import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiClient, Credentials, isStatus } from './api-client';
import { sleep } from './sleep';

export interface LoginUser {
  id: string;
  role: string;
  cooperativeId: string | null;
  name: string;
  merchantId?: string | null;
  courierId?: string | null;
}

/** A person signed in: the bearer token, renewed with the password when it expires. */
export class Session implements Credentials {
  constructor(
    readonly email: string,
    private readonly password: string,
    public token: string,
    public user: LoginUser,
    private readonly logins: Logins,
  ) {}

  headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async renew(): Promise<void> {
    const fresh = await this.logins.passwordLogin(this.email, this.password);
    this.token = fresh.token;
    this.user = fresh.user;
  }
}

interface CacheFile {
  tokens: Record<string, { token: string; user: LoginUser }>;
  apiKeys: Record<string, string>;
}

/**
 * Password logins, paced. The demo's couriers all log in from one address, which shares the
 * API's per-address allowance (RATE_LIMIT_PER_MINUTE) with the people opening the pages: so
 * logins queue here, at most `perMinute` a minute, and couriers' tokens are kept in a file so
 * that a second run needs none.
 */
export class Logins {
  private readonly attempts: number[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly cache: CacheFile;

  constructor(
    private readonly api: ApiClient,
    private readonly perMinute: number,
    private readonly cacheFile: string,
    private readonly signal?: AbortSignal,
    private readonly onWait: (seconds: number) => void = () => undefined,
  ) {
    this.cache = readCache(cacheFile);
  }

  /** Logs in with the password (paced). */
  async session(email: string, password: string): Promise<Session> {
    const { token, user } = await this.passwordLogin(email, password);
    return new Session(email, password, token, user, this);
  }

  /**
   * A session for a known user, from the kept token when the API still takes it for that very
   * user (the database may have been rebuilt since), else from a paced password login.
   */
  async cachedSession(email: string, password: string, expectedUserId: string): Promise<Session> {
    const kept = this.cache.tokens[email];
    if (kept && kept.user.id === expectedUserId) {
      const session = new Session(email, password, kept.token, kept.user, this);
      try {
        const me = await this.api.get<{ userId?: string }>('/api/v1/auth/me', { auth: { headers: () => session.headers() } });
        if (me.userId === expectedUserId) return session;
      } catch (error) {
        if (!isStatus(error, 401)) throw error;
      }
    }
    const session = await this.session(email, password);
    this.remember(email, session);
    return session;
  }

  apiKeyOf(merchantId: string): string | undefined {
    return this.cache.apiKeys[merchantId];
  }

  rememberApiKey(merchantId: string, key: string): void {
    this.cache.apiKeys[merchantId] = key;
    writeCache(this.cacheFile, this.cache);
  }

  passwordLogin(email: string, password: string): Promise<{ token: string; user: LoginUser }> {
    const turn = this.queue.then(async () => {
      await this.waitForTurn();
      const response = await this.api.post<{ accessToken: string; user: LoginUser }>('/api/v1/auth/login', { body: { email, password } });
      return { token: response.accessToken, user: response.user };
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private remember(email: string, session: Session): void {
    this.cache.tokens[email] = { token: session.token, user: session.user };
    writeCache(this.cacheFile, this.cache);
  }

  private async waitForTurn(): Promise<void> {
    const now = Date.now();
    while (this.attempts.length && this.attempts[0] <= now - 60_000) this.attempts.shift();
    if (this.attempts.length >= this.perMinute) {
      const waitMs = this.attempts[0] + 60_000 - now + 100;
      this.onWait(Math.ceil(waitMs / 1000));
      await sleep(waitMs, this.signal);
      this.attempts.shift();
    }
    this.attempts.push(Date.now());
  }
}

function readCache(file: string): CacheFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    return { tokens: parsed.tokens ?? {}, apiKeys: parsed.apiKeys ?? {} };
  } catch {
    // No file yet (first run) or an unreadable one: start afresh, it is only a cache.
    return { tokens: {}, apiKeys: {} };
  }
}

function writeCache(file: string, cache: CacheFile): void {
  mkdirSync(dirname(file), { recursive: true });
  // Bearer tokens and API keys: readable by this user only.
  writeFileSync(file, JSON.stringify(cache, null, 1), { mode: 0o600 });
}
