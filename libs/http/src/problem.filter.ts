import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { FieldError, ProblemDocument, ProblemError, problemDocument } from './problem';
import { correlationIdOf } from './correlation-id';

/** The one place errors become HTTP responses: always problem+json with a correlation id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception), correlationId: correlationIdOf(request) };
    if (problem.status >= 500) {
      this.logger.error({ err: exception, correlationId: problem.correlationId }, 'request failed');
    }
    const retryAfter = exception instanceof ProblemError ? exception.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    else if (problem.status === 429 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '60');
    else if (problem.status === 503) response.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDocument {
    if (exception instanceof ProblemError) {
      return problemDocument(exception.status, exception.message, exception.code, exception.errors);
    }
    if (exception instanceof ThrottlerException) {
      return problemDocument(429, 'Rate limit exceeded; retry later');
    }
    if (isPoolExhausted(exception)) {
      return problemDocument(503, 'The service is busy; retry shortly', 'busy');
    }
    const databaseConflict = databaseConflictOf(exception);
    if (databaseConflict) return problemDocument(409, databaseConflict, 'concurrent_change');
    if (exception instanceof HttpException) {
      return problemDocument(exception.getStatus(), this.detailOf(exception));
    }
    if (isBodyParserError(exception)) {
      return problemDocument(exception.status, exception.status === 413 ? 'The request body is too large' : 'The request body is not valid JSON');
    }
    return problemDocument(500, 'An unexpected error occurred; quote the correlation id when reporting it');
  }

  private detailOf(exception: HttpException): string {
    const body = exception.getResponse();
    if (typeof body === 'string') return body;
    const message = (body as { message?: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  }
}

/**
 * A safety net for races the code does not foresee: a unique violation, a deadlock or a
 * serialization failure means another request changed the same thing; the caller may retry.
 */
function databaseConflictOf(error: unknown): string | null {
  const code = (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
  if (code === '23505') return 'This conflicts with an existing record';
  if (code === '40P01' || code === '40001') return 'Another change to the same data happened at the same moment; retry';
  return null;
}

/** Seconds a caller should wait after a 503 for lack of database connections. */
const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * No pooled database connection came free in time. Nothing was done (the work never got a
 * connection), so the caller may simply retry: a 503 with Retry-After, not a 500.
 */
function isPoolExhausted(error: unknown): boolean {
  return error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message);
}

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error
    && typeof (error as { status: unknown }).status === 'number';
}

export type { FieldError };
