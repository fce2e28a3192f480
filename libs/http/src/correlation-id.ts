import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const acceptable = /^[A-Za-z0-9._-]{8,128}$/;

/** Reuses a caller's correlation id when it looks sane, else makes one. Used as pino's request id. */
export function correlationIdFor(request: IncomingMessage): string {
  const given = request.headers[CORRELATION_HEADER];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}

export function correlationIdOf(request: IncomingMessage & { id?: unknown }): string {
  return typeof request.id === 'string' ? request.id : correlationIdFor(request);
}
