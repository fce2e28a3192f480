import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { encodeCursor, isCursorTime } from '@lib/database';
import { PageQueryDto } from './page-query.dto';

const id = '6f621da2-0013-4000-9e60-3286ffffffe9';
const cursorOf = (createdAt: string) => Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
const errorsFor = (cursor: string) => validateSync(plainToInstance(PageQueryDto, { cursor })).map((error) => error.property);

describe('PageQueryDto cursor', () => {
  it('accepts the cursors lists hand out, to the microsecond or the millisecond', () => {
    expect(errorsFor(encodeCursor({ createdAt: '2026-12-01T15:32:30.460966Z', id }))).toEqual([]);
    expect(errorsFor(cursorOf('2026-12-01T15:32:30.460Z'))).toEqual([]);
    expect(errorsFor(cursorOf('2026-12-01T15:32:30Z'))).toEqual([]);
  });

  it.each([
    ['a bare number', '1'],
    ['a six-digit year', '+275760-09-13T00:00:00.000Z'],
    ['a year before 1', '-000001-01-01T00:00:00Z'],
    ['a day that does not exist', '2020-02-30T00:00:00Z'],
    ['an hour that does not exist', '2020-01-01T24:00:00Z'],
    ['an offset PostgreSQL refuses', '2020-01-01 00:00:00 +99:00'],
    ['a date in words', 'Tue, 01 Jan 2020'],
    ['SQL', "2020-01-01'; DROP TABLE orders; --"],
  ])('refuses a cursor whose time is %s (the page query would fail: a 500)', (_name, createdAt) => {
    expect(isCursorTime(createdAt)).toBe(false);
    expect(errorsFor(cursorOf(createdAt))).toEqual(['cursor']);
  });
});
