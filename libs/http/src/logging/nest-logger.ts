import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const levels: Record<LogLevel, Level> = { log: 'info', error: 'error', warn: 'warn', debug: 'debug', verbose: 'trace', fatal: 'fatal' };

/**
 * Nest's logger (`new Logger('OutboxRelay')`, and Nest's own start-up lines) written through
 * the process's pino logger. Nest appends the logger's name as the last argument; a first
 * argument that is an object becomes fields (`logger.warn({ err, orderId }, 'message')`).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length ? rest.pop() : undefined;
    const fields: Record<string, unknown> = typeof context === 'string' ? { context } : {};
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else {
      text = String(message);
    }
    // Nest's own error contract: error(message, stack, context).
    const stack = rest.find((param): param is string => typeof param === 'string' && /\n\s+at /.test(param));
    if (level === 'error' && text !== undefined && stack) fields.err = { message: text, stack };
    else if (text === undefined) text = rest.find((param): param is string => typeof param === 'string');
    this.logger[levels[level]](fields, text);
  }
}
