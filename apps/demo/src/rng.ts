/**
 * Seeded randomness for the demo (never Math.random): the same DEMO_SEED gives the same
 * restaurants' orders and the same couriers' choices. Each bot forks its own stream by name,
 * so one courier's draws do not shift another's when timing differs between runs.
 */
export class Rng {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** An integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: no items');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Roughly normal (sum of uniforms): GPS noise looks like noise, not like a square. */
  gaussian(standardDeviation: number): number {
    let sum = 0;
    for (let i = 0; i < 6; i += 1) sum += this.next();
    return (sum - 3) * standardDeviation * Math.SQRT2;
  }

  /** An independent stream for `name`, fixed by the parent's seed and the name only. */
  fork(name: string): Rng {
    // Mixed twice: mulberry32 streams from nearby seeds are correlated (its state is a counter).
    return new Rng(mix32(hashString(name) ^ mix32(this.seed)));
  }
}

/** murmur3's finaliser: every input bit flips about half of the output bits. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a, 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
