/** A seeded generator in [0, 1). Policies receive one instead of calling
 *  Math.random(), so a replayed day decides exactly as it did the first time. */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for offer simulation and tie-breaking. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
