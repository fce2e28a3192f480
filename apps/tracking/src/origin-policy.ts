import type { IncomingMessage } from 'node:http';

/**
 * Which browser pages may open a socket: those listed in CORS_ORIGINS, and the gateway's own
 * origin. Requests without an Origin header (phones' native apps, servers, tests) are not
 * browsers acting for another site, so they pass; their token is what protects them.
 */
export function isOriginAllowed(request: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
