import {
  choleskyDecompose,
  columnsTimesVector,
  crossProduct,
  crossProductVector,
  solveSpd,
} from '../../linalg/dense.js';

/** Least-squares coefficients and residuals of y on the columns x (Cholesky of X'X). */
export function leastSquares(
  x: Float64Array[],
  y: Float64Array,
  xtx = crossProduct(x),
): { beta: Float64Array; resid: Float64Array } {
  const k = x.length;
  const beta = k > 0 ? solveSpd(xtx, k, crossProductVector(x, y)) : new Float64Array(0);
  const fit = columnsTimesVector(x, beta, y.length);
  const resid = new Float64Array(y.length);
  for (let r = 0; r < y.length; r++) resid[r] = y[r]! - fit[r]!;
  return { beta, resid };
}

/** Throws SINGULAR_DESIGN (naming nothing more specific) when X'X is not positive definite. */
export function checkFullRank(xtx: Float64Array, k: number): void {
  if (k > 0) choleskyDecompose(xtx, k);
}
