import { sleep } from './sleep';

/** What a request authenticates with: a person's bearer token or a merchant's API key. */
export interface Credentials {
  headers(): Record<string, string>;
  /** Called once on a 401 (an expired token): get fresh credentials, then the request is retried. */
  renew?(): Promise<void>;
}

/** A non-2xx answer, with the problem+json body the API sends. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: { title?: string; detail?: string; code?: string; errors?: unknown } | undefined,
  ) {
    super(`${method} ${path} → ${status}${problem?.detail ? `: ${problem.detail}` : problem?.title ? `: ${problem.title}` : ''}`);
  }
}

interface RequestOptions {
  body?: unknown;
  auth?: Credentials;
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_RATE_LIMIT_WAITS = 3;

/**
 * The public HTTP API through `fetch`, as any client would use it. Waits out 429s (the
 * `Retry-After` the API sends) and renews an expired token once; everything else is the
 * caller's to handle, as an ApiError.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly signal?: AbortSignal,
    private readonly onRateLimited: (path: string, seconds: number) => void = () => undefined,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, options);
  }

  put<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, options);
  }

  /** Every item of a cursor-paginated list. */
  async all<T>(path: string, options: RequestOptions = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.get(
        `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        options,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let renewed = false;
    for (let waits = 0; ; ) {
      const response = await this.send(method, path, options);
      if (response.status === 401 && options.auth?.renew && !renewed) {
        renewed = true;
        await options.auth.renew();
        continue;
      }
      if (response.status === 429 && waits < MAX_RATE_LIMIT_WAITS) {
        waits += 1;
        const seconds = Math.min(120, Math.max(1, Number(response.headers.get('retry-after')) || 10));
        this.onRateLimited(path, seconds);
        await sleep(seconds * 1000, this.signal);
        continue;
      }
      const text = await response.text();
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      if (!response.ok) throw new ApiError(method, path, response.status, body as ApiError['problem']);
      return body as T;
    }
  }

  private send(method: string, path: string, { body, auth, headers }: RequestOptions): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...auth?.headers(),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: this.signal ? AbortSignal.any([this.signal, timeout]) : timeout,
    });
  }
}

/** A merchant's POS-style credentials: the API key the co-op admin issued. */
export class ApiKey implements Credentials {
  constructor(readonly key: string) {}

  headers(): Record<string, string> {
    return { 'x-api-key': this.key };
  }
}

export const isStatus = (error: unknown, ...statuses: number[]): error is ApiError =>
  error instanceof ApiError && statuses.includes(error.status);
