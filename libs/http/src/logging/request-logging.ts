import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import { withCorrelationId } from '@lib/correlation';
import { CORRELATION_HEADER, correlationIdFor, REQUEST_ID_HEADER } from '../correlation-id';

type RequestWithPrincipal = IncomingMessage & { id?: unknown; principal?: { cooperativeId: string | null; userId?: string; apiKeyId?: string } };

/**
 * Express middleware for every request: takes or makes its correlation id, echoes it
 * (`X-Correlation-Id` and `X-Request-Id`), runs the rest of the request under it (so every
 * log line, outbox row and job of the request carries it) and logs the request once answered,
 * with its tenant and user.
 */
export function requestLogging(logger: Logger) {
  const logRequest = pinoHttp({
    logger,
    genReqId: (request: IncomingMessage) => correlationIdFor(request),
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customProps: (request: IncomingMessage) => {
      const principal = (request as RequestWithPrincipal).principal;
      return principal ? { cooperativeId: principal.cooperativeId, userId: principal.userId, apiKeyId: principal.apiKeyId } : {};
    },
    // The answer may be written outside the request's async context: name its id explicitly.
    customSuccessObject: (request, _response, fields) => ({ ...fields, correlationId: request.id }),
    customErrorObject: (request, _response, _error, fields) => ({ ...fields, correlationId: request.id }),
    autoLogging: { ignore: (request: IncomingMessage) => /^\/(health|metrics)/.test(request.url ?? '') },
  });
  return (request: RequestWithPrincipal, response: ServerResponse, next: () => void): void => {
    const correlationId = correlationIdFor(request);
    request.id = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    response.setHeader(REQUEST_ID_HEADER, correlationId);
    withCorrelationId(correlationId, () => logRequest(request, response, next));
  };
}
