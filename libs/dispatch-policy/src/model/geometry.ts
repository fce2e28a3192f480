/** A point in a local planar projection, in metres. Production projects lat/lng
 *  around the co-op's city centre; the MDRP instances are already planar. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export function euclideanMetres(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
