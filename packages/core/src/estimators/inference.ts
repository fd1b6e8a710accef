/**
 * Coefficient tables and Wald tests from an estimate and its covariance.
 */
import { chiSquareSf, fSf, normalTwoSidedP, studentTTwoSidedP } from '../stats/distributions.js';
import { invertGeneral } from '../linalg/dense.js';

export interface CoefficientTable {
  estimate: Float64Array;
  se: Float64Array;
  stat: Float64Array;
  p: Float64Array;
}

/**
 * se = √diag(V), stat = β/se, p two-sided from t(df), or the normal when df is Infinity.
 * @param beta length k; @param vcov k×k row-major
 */
export function coefficientTable(beta: Float64Array, vcov: Float64Array, df: number): CoefficientTable {
  const k = beta.length;
  const se = new Float64Array(k);
  const stat = new Float64Array(k);
  const p = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    se[j] = Math.sqrt(vcov[j * k + j]!);
    stat[j] = beta[j]! / se[j]!;
    p[j] = Number.isFinite(df) ? studentTTwoSidedP(stat[j]!, df) : normalTwoSidedP(stat[j]!);
  }
  return { estimate: beta, se, stat, p };
}

export interface WaldTest {
  /** F = W/q (with df1 = q, df2) or χ² = W (df2 Infinity → chi-square reported as F with df2 = Infinity). */
  stat: number;
  df1: number;
  df2: number;
  p: number;
}

/**
 * Wald test that the coefficients at `indices` are jointly zero: W = b'V⁻¹b over that block,
 * reported as F = W/q with (q, df2) degrees of freedom, or as χ²(q) = W when df2 is Infinity.
 */
export function waldTest(beta: Float64Array, vcov: Float64Array, indices: number[], df2: number): WaldTest {
  const k = beta.length;
  const q = indices.length;
  const block = new Float64Array(q * q);
  const b = new Float64Array(q);
  indices.forEach((i, a) => {
    b[a] = beta[i]!;
    indices.forEach((j, c) => (block[a * q + c] = vcov[i * k + j]!));
  });
  const inverse = invertGeneral(block, q);
  let w = 0;
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) w += b[a]! * inverse[a * q + c]! * b[c]!;
  if (!Number.isFinite(df2)) return { stat: w, df1: q, df2, p: chiSquareSf(w, q) };
  return { stat: w / q, df1: q, df2, p: fSf(w / q, q, df2) };
}
