import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document, as every error response carries it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  correlationId?: string;
}

const titles: Record<number, [code: string, title: string]> = {
  400: ['invalid_input', 'Invalid input'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Not allowed for this role'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict with the current state'],
  413: ['payload_too_large', 'Request body too large'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  422: ['not_serviceable', 'Valid but not serviceable'],
  429: ['rate_limited', 'Too many requests'],
  500: ['internal_error', 'Internal error'],
  503: ['unavailable', 'Service unavailable'],
};

/**
 * Thrown by domain code for an expected failure. `code` is machine-readable and stable;
 * `detail` is for people.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: HttpStatus,
    detail: string,
    readonly code: string = titles[status]?.[0] ?? 'error',
    readonly errors?: FieldError[],
    /** Sent as `Retry-After` (429 and 503): when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  static tooManyRequests(detail: string, retryAfterSeconds: number, code = 'rate_limited'): ProblemError {
    return new ProblemError(HttpStatus.TOO_MANY_REQUESTS, detail, code, undefined, retryAfterSeconds);
  }

  static notFound(what: string): ProblemError {
    return new ProblemError(HttpStatus.NOT_FOUND, `${what} not found`);
  }

  static conflict(detail: string, code = 'conflict'): ProblemError {
    return new ProblemError(HttpStatus.CONFLICT, detail, code);
  }

  static invalid(errors: FieldError[], detail = 'The request has invalid fields'): ProblemError {
    return new ProblemError(HttpStatus.BAD_REQUEST, detail, 'invalid_input', errors);
  }

  static forbidden(detail = 'Your role may not do this'): ProblemError {
    return new ProblemError(HttpStatus.FORBIDDEN, detail);
  }

  static unprocessable(detail: string, code = 'not_serviceable'): ProblemError {
    return new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, detail, code);
  }
}

export function problemDocument(status: number, detail: string, code?: string, errors?: FieldError[]): ProblemDocument {
  const [defaultCode, title] = titles[status] ?? ['error', 'Error'];
  const finalCode = code ?? defaultCode;
  return {
    type: `https://bike-dispatch.org/problems/${finalCode.replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code: finalCode,
    ...(errors?.length ? { errors } : {}),
  };
}
