import { requestHash } from './request-hash';

describe('requestHash', () => {
  it('ignores key order but not values', () => {
    expect(requestHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(requestHash({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(requestHash({ a: 1, b: { c: 2, d: [1, 2] } })).not.toBe(requestHash({ a: 1, b: { c: 2, d: [2, 1] } }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: '1' }));
  });
});
