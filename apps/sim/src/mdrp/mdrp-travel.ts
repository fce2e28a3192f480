import { Point, TravelModel } from '@lib/dispatch-policy';

/** The MDRP rule: ceil(euclidean metres / metres per minute), computed the way
 *  the public evaluator does (sqrt of the sum of squares, then ceil). */
export function mdrpTravelModel(metresPerMinute: number): TravelModel {
  return {
    minutes(a: Point, b: Point) {
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      return Math.ceil(Math.sqrt(dx * dx + dy * dy) / metresPerMinute);
    },
  };
}
