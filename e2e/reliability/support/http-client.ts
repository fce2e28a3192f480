import { Agent, request } from 'node:http';

/** An HTTP answer, as much of it as the reliability tests read. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body, or `undefined` when it is not JSON. */
  body: any;
}

/**
 * A plain HTTP client on keep-alive connections, for thousands of racing requests: lighter
 * than supertest (no per-request server lookup, no new TCP connection each time), so the
 * machine's time goes to the API under test.
 */
export function keepAliveClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const outgoing = request(
        new URL(path, baseUrl),
        { method, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) } },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, body: parsed });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  return {
    post: (path: string, headers?: Record<string, string>, body?: unknown) => send('POST', path, headers, body),
    get: (path: string, headers?: Record<string, string>) => send('GET', path, headers),
    close: () => agent.destroy(),
  };
}
