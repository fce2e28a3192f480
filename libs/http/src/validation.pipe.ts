import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemError } from './problem';

/** Flattens class-validator's nested errors into `{ field: "pickup.location.lat", message }`. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * Far deeper than any body the API takes (a GeoJSON MultiPolygon in a cooperative is about
 * seven levels). class-transformer recurses into whatever it is given, so a body of 40,000
 * nested arrays would overflow the stack: the depth is checked first, without recursion.
 */
export const MAX_BODY_DEPTH = 32;
const MAX_REPORTED = 20;

/**
 * What no handler can use, found by one iterative walk of a parsed JSON body: nesting deeper
 * than `MAX_BODY_DEPTH`, and the NUL character (U+0000) in a string or a key, which
 * PostgreSQL text and jsonb cannot hold (it would fail at the INSERT, as a 500).
 */
export function unusableBodyErrors(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length && errors.length < MAX_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) errors.push({ field: path || 'body', message: `${path || 'body'} must not contain the NUL character (U+0000)` });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      const top = path.split('.')[0] || 'body';
      errors.push({ field: top, message: `${top} is nested more than ${MAX_BODY_DEPTH} levels deep` });
      break;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) errors.push({ field: childPath, message: 'field names must not contain the NUL character (U+0000)' });
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return errors;
}

/**
 * Checks a request body bound to a DTO for what would break transformation or storage, then
 * validates as usual. Only where the pipe validates at all: a gateway's untyped message
 * (`@MessageBody() message: unknown`) is left to the gateway's own checks.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      const errors = unusableBodyErrors(value);
      if (errors.length) throw ProblemError.invalid(errors);
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are an error, never silently dropped; every message names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemError.invalid(fieldErrors(errors)),
  });
}
