import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '@lib/config';
import { PinoNestLogger } from './logging/nest-logger';
import { createProcessLogger } from './logging/process-logger';
import { requestLogging } from './logging/request-logging';

/** The process's pino logger, for code that logs outside Nest's `Logger`. */
export const PROCESS_LOGGER = Symbol('PROCESS_LOGGER');

/**
 * Structured JSON logs with the correlation id, the tenant and the user of every request:
 * our own small module over pino and pino-http (nestjs-pino asks for Node 22). Every route is
 * wrapped, `/health` and `/metrics` are not logged. `configureHttpApp` makes `PinoNestLogger`
 * Nest's logger.
 */
@Global()
@Module({})
export class LoggingModule implements NestModule {
  constructor(@Inject(PROCESS_LOGGER) private readonly logger: Logger) {}

  configure(consumer: MiddlewareConsumer): void {
    // path-to-regexp v8 (Express 5) spells "every path, the root included" this way.
    consumer.apply(requestLogging(this.logger)).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}

export function loggingModule(processName: string): DynamicModule {
  return {
    module: LoggingModule,
    providers: [
      { provide: PROCESS_LOGGER, inject: [AppConfig], useFactory: (config: AppConfig) => createProcessLogger({ name: processName, level: config.env.LOG_LEVEL }) },
      { provide: PinoNestLogger, inject: [PROCESS_LOGGER], useFactory: (logger: Logger) => new PinoNestLogger(logger) },
    ],
    exports: [PROCESS_LOGGER, PinoNestLogger],
  };
}
