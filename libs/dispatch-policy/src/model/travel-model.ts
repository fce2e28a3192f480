import { euclideanMetres, Point } from './geometry';

/** Minutes to ride from a to b. The policy only ever asks this question, so it
 *  does not care whether the answer comes from a router, haversine × detour or
 *  the MDRP's ceil(euclidean / speed) rule. */
export interface TravelModel {
  minutes(a: Point, b: Point): number;
}

export interface PlanarTravelOptions {
  readonly metresPerMinute: number;
  /** Road distance over straight-line distance (1 for the MDRP, ~1.3 in a city). */
  readonly detourFactor?: number;
  /** The MDRP rounds every leg up to a whole minute; production may keep fractions. */
  readonly roundUpToMinute?: boolean;
}

export function planarTravelModel(options: PlanarTravelOptions): TravelModel {
  const detour = options.detourFactor ?? 1;
  const roundUp = options.roundUpToMinute ?? false;
  return {
    minutes(a, b) {
      const raw = (euclideanMetres(a, b) * detour) / options.metresPerMinute;
      return roundUp ? Math.ceil(raw) : raw;
    },
  };
}
