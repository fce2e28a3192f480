import type { ArgumentMetadata } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ProblemError } from './problem';
import { createValidationPipe, MAX_BODY_DEPTH, unusableBodyErrors } from './validation.pipe';

class NoteDto {
  @IsString() note: string;
}

const asBody: ArgumentMetadata = { type: 'body', metatype: NoteDto };

/** What the pipe throws for `value`, or `null` when it accepts it. */
async function refusalOf(value: unknown): Promise<ProblemError | null> {
  try {
    await createValidationPipe().transform(value, asBody);
    return null;
  } catch (error) {
    return error as ProblemError;
  }
}

describe('createValidationPipe', () => {
  it('accepts a plain body', async () => {
    expect(await refusalOf({ note: 'bonjour' })).toBeNull();
  });

  it('refuses a body nested deeper than any the API takes with 400, instead of overflowing the stack', async () => {
    const text = `{"note":"x","extra":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const refusal = await refusalOf(JSON.parse(text));
    expect(refusal).toBeInstanceOf(ProblemError);
    expect(refusal).toMatchObject({ status: 400, errors: [{ field: 'extra', message: expect.stringContaining(`${MAX_BODY_DEPTH} levels`) }] });
  });

  it('refuses the NUL character, which PostgreSQL cannot store, naming the field', async () => {
    const refusal = await refusalOf({ note: 'a\u0000b' });
    expect(refusal).toMatchObject({ status: 400, errors: [{ field: 'note', message: expect.stringContaining('NUL') }] });
  });

  it('finds NUL in nested values and keys, and leaves path parameters to their own pipes', async () => {
    expect(unusableBodyErrors({ a: [{ b: 'ok' }, { 'c\u0000': 1 }], d: { e: '\u0000' } }).map((error) => error.field).sort()).toEqual(['a.1.c\u0000', 'd.e']);
    expect(unusableBodyErrors({ area: { coordinates: [[[[4.8, 44.9]]]] } })).toEqual([]);
    await expect(createValidationPipe().transform('a\u0000b', { type: 'param', metatype: String, data: 'id' })).resolves.toBe('a\u0000b');
    // A socket message without a DTO (`@MessageBody() message: unknown`) is the gateway's to check.
    await expect(createValidationPipe().transform({ lat: '\u0000' }, { type: 'body', metatype: Object })).resolves.toEqual({ lat: '\u0000' });
  });
});
