import fc from 'fast-check';

/**
 * JSON text the serializer must write as it is: numbers JSON.stringify cannot produce
 * (`1e999`, 30 digits) and nesting too deep to build as objects.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold `RawJson` parts (and `undefined`, dropped as JSON drops it). */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_, part: unknown) => {
    if (part instanceof RawJson) {
      raws.push(part.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return part;
  });
  if (text === undefined) return 'null';
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_, index: string) => raws[Number(index)]);
}

const rawNumbers = ['1e999', '-1e999', '123456789012345678901234567890', '1.00000000000000000000000001', '-0.0', '0e0', '4.4e-400', '1E+2', '-9007199254740993'];

/** Strings that have broken parsers, databases and templates before. */
const nastyStrings = [
  '', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', 'null', 'undefined', 'true', '0x1F', '١٢٣', '９', '-0',
  "'; DROP TABLE orders; --", "' OR '1'='1", '" OR ""="', '\\', '\\u0000', '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800',
  '𝓤𝓷𝓲𝓬𝓸𝓭𝓮 🚲👩🏽‍🚀', '\u202eevil', 'Z̴̧̛a̷l̸g̶o̵', '<script>alert(1)</script>', '../../etc/passwd', '%00', '%2e%2e%2f', '${jndi:ldap://x/a}',
  '{{7*7}}', '__proto__', 'constructor', 'toString', '2026-02-30T12:00:00Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '0000-00-00T00:00:00Z', 'S', 'XL', 's', 'pin',
];

/** A JSON scalar (or `RawJson` number) chosen to be wrong, odd or extreme. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, Number.MIN_VALUE, 90.0000001, -180.0000001, 181, 1e-7),
  fc.constantFrom(...nastyStrings),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...rawNumbers).map((text) => new RawJson(text)),
);

/** Nesting far deeper than any real body, written as text (building it would be the test's own stack overflow). */
export const deepNesting: fc.Arbitrary<RawJson> = fc.tuple(fc.integer({ min: 20, max: 40_000 }), fc.boolean()).map(([depth, arrays]) =>
  new RawJson(arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** Any value a hostile client might put where a field is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileScalar, weight: 6 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: deepNesting, weight: 1 },
  {
    arbitrary: fc.constantFrom(
      new RawJson('{"__proto__":{"polluted":true}}'),
      new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
      new RawJson('{"lat":1,"lat":2}'),
      [],
      {},
    ),
    weight: 1,
  },
  { arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((length) => 'é'.repeat(length)), weight: 1 },
);

/**
 * A copy of `base` (plain JSON) with each `[path, value]` set at its dotted path, creating
 * objects on the way. Keys are defined as own properties, so `__proto__` becomes a plain
 * field, as JSON.parse would make it.
 */
export function withMutations<T extends object>(base: T, mutations: [string, unknown][]): T {
  const copy = structuredClone(base) as Record<string, unknown>;
  for (const [path, value] of mutations) {
    const keys = path.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
      if (typeof next !== 'object' || next === null || Array.isArray(next) || next instanceof RawJson) {
        Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
      }
      node = node[key] as Record<string, unknown>;
    }
    Object.defineProperty(node, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
  }
  return copy as T;
}
