import { choleskyDecompose, crossProduct, crossProductVector, solveSpd } from '../../linalg/dense.js';

/** Least-squares coefficients and residuals of y on the columns x (Cholesky of X'X). */
export function leastSquares(x: Float64Array[], y: Float64Array, xtx = crossProduct(x)): { beta: Float64Array; resid: Float64Array } {
  const k = x.length;
  const beta = k > 0 ? solveSpd(xtx, k, crossProductVector(x, y)) : new Float64Array(0);
  const resid = Float64Array.from(y);
  for (let j = 0; j < k; j++) {
    const c = x[j]!;
    const b = beta[j]!;
    for (let r = 0; r < resid.length; r++) resid[r]! -= c[r]! * b;
  }
  return { beta, resid };
}

/** Throws SINGULAR_DESIGN (naming nothing more specific) when X'X is not positive definite. */
export function checkFullRank(xtx: Float64Array, k: number): void {
  if (k > 0) choleskyDecompose(xtx, k);
}
