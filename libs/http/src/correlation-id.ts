import type { IncomingMessage } from 'node:http';
import { newCorrelationId, saneCorrelationId } from '@lib/correlation';

export const CORRELATION_HEADER = 'x-correlation-id';
/** What proxies and load balancers (nginx `$request_id`, Heroku, AWS ALB's tracing aside) commonly send. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Reuses a caller's id when it looks sane (our own `X-Correlation-Id` first, then a proxy's
 * `X-Request-Id`), else makes one. Used as the request's id in its logs and in its work.
 */
export function correlationIdFor(request: IncomingMessage): string {
  return saneCorrelationId(request.headers[CORRELATION_HEADER]) ?? saneCorrelationId(request.headers[REQUEST_ID_HEADER]) ?? newCorrelationId();
}

export function correlationIdOf(request: IncomingMessage & { id?: unknown }): string {
  return typeof request.id === 'string' ? request.id : correlationIdFor(request);
}
