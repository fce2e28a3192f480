import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@lib/config';
import { CORRELATION_HEADER, correlationIdFor } from './correlation-id';

/** Never logged: credentials in headers and bodies, whatever the route. */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.token',
  '*.secret',
  '*.key',
];

type RequestWithPrincipal = IncomingMessage & { principal?: { cooperativeId: string | null; userId?: string; apiKeyId?: string } };

/** Structured JSON logs with the correlation id, the tenant and the user of every request. */
export function loggingModule(processName: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      pinoHttp: {
        name: processName,
        level: config.env.LOG_LEVEL,
        redact: { paths: redactedPaths, censor: '[redacted]' },
        genReqId: (request: IncomingMessage, response: ServerResponse) => {
          const id = correlationIdFor(request);
          response.setHeader(CORRELATION_HEADER, id);
          return id;
        },
        serializers: {
          req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        },
        customProps: (request: IncomingMessage) => {
          const principal = (request as RequestWithPrincipal).principal;
          return principal ? { cooperativeId: principal.cooperativeId, userId: principal.userId, apiKeyId: principal.apiKeyId } : {};
        },
        autoLogging: { ignore: (request: IncomingMessage) => /^\/(health|metrics)/.test(request.url ?? '') },
      },
    }),
  });
}
