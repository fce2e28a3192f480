/** Minimum-cost assignment of every row to a distinct column (rows <= columns),
 *  Kuhn–Munkres with potentials, O(rows² × columns). Returns, per row, the
 *  chosen column. Callers model "leave unassigned" with dummy columns. */
export function solveAssignment(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  if (rows === 0) return [];
  const cols = cost[0].length;
  if (cols < rows) throw new RangeError(`assignment needs columns >= rows (${cols} < ${rows})`);
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const rowOfCol = new Int32Array(cols + 1); // 0 = free; rows are 1-based here
  const way = new Int32Array(cols + 1);
  for (let row = 1; row <= rows; row++) {
    rowOfCol[0] = row;
    let col0 = 0;
    const minv = new Float64Array(cols + 1).fill(Infinity);
    const used = new Uint8Array(cols + 1);
    do {
      used[col0] = 1;
      const r0 = rowOfCol[col0];
      let delta = Infinity;
      let col1 = 0;
      for (let col = 1; col <= cols; col++) {
        if (used[col]) continue;
        const reduced = cost[r0 - 1][col - 1] - u[r0] - v[col];
        if (reduced < minv[col]) {
          minv[col] = reduced;
          way[col] = col0;
        }
        if (minv[col] < delta) {
          delta = minv[col];
          col1 = col;
        }
      }
      for (let col = 0; col <= cols; col++) {
        if (used[col]) {
          u[rowOfCol[col]] += delta;
          v[col] -= delta;
        } else {
          minv[col] -= delta;
        }
      }
      col0 = col1;
    } while (rowOfCol[col0] !== 0);
    do {
      const col1 = way[col0];
      rowOfCol[col0] = rowOfCol[col1];
      col0 = col1;
    } while (col0 !== 0);
  }
  const colOfRow = new Array<number>(rows).fill(-1);
  for (let col = 1; col <= cols; col++) if (rowOfCol[col] !== 0) colOfRow[rowOfCol[col] - 1] = col - 1;
  return colOfRow;
}
