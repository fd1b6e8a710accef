/**
 * Ordinary least squares on a data matrix given as columns, with a rank check that names the
 * offending regressors instead of returning meaningless numbers.
 */
import { columnsTimesVector, crossProduct, crossProductVector, dot, invertSpd } from '../linalg/dense.js';
import { EstimationError } from './errors.js';

/** 1 − R² of a regressor on the preceding ones below which the design counts as collinear. */
const COLLINEARITY_TOLERANCE = 1e-9;

export interface LeastSquaresFit {
  /** Coefficients (length k). */
  beta: Float64Array;
  /** (X'X)⁻¹, k×k row-major. */
  xtxInverse: Float64Array;
  /** y − Xβ (length n). */
  residuals: Float64Array;
  /** Σ residuals². */
  ssr: number;
}

/**
 * Throws EstimationError('SINGULAR_DESIGN') naming the columns when X'X is singular: a column of
 * zeros (e.g. a regressor absorbed by the fixed effects), or a column that is a linear combination
 * of earlier ones (named together with the columns it depends on). `xtx` is X'X, k×k row-major.
 * Works on the correlation scale, column by column as in a Cholesky factorisation. O(k³).
 */
export function assertFullRank(
  xtx: Float64Array,
  names: string[],
  zeroMessage?: (name: string) => string,
): void {
  const k = names.length;
  const scale = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const diagonal = xtx[j * k + j]!;
    if (!(diagonal > 0)) {
      const message = zeroMessage ? zeroMessage(names[j]!) : `regressor "${names[j]}" is identically zero`;
      throw new EstimationError('SINGULAR_DESIGN', message, { columns: [names[j]] });
    }
    scale[j] = 1 / Math.sqrt(diagonal);
  }
  // Cholesky of the correlation-scaled cross product; l[j][j]² = 1 − R²(x_j on x_1..x_{j−1})
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let i = j; i < k; i++) {
      let sum = xtx[i * k + j]! * scale[i]! * scale[j]!;
      for (let m = 0; m < j; m++) sum -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        if (sum <= COLLINEARITY_TOLERANCE) {
          const partners = dependencePartners(l, k, j, xtx, scale);
          const list = partners.map((p) => `"${names[p]}"`).join(', ');
          throw new EstimationError(
            'SINGULAR_DESIGN',
            `regressor "${names[j]}" is collinear with ${list || 'the other regressors'}; drop one of them`,
            { columns: [names[j], ...partners.map((p) => names[p])] },
          );
        }
        l[j * k + j] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j]!;
      }
    }
  }
}

/** Earlier columns with a non-negligible weight in the regression of column j on them. */
function dependencePartners(
  l: Float64Array,
  k: number,
  j: number,
  xtx: Float64Array,
  scale: Float64Array,
): number[] {
  // solve L_11 L_11' c = r, with r the scaled cross products of column j with columns 0..j−1
  const y = new Float64Array(j);
  for (let i = 0; i < j; i++) {
    let sum = xtx[j * k + i]! * scale[j]! * scale[i]!;
    for (let m = 0; m < i; m++) sum -= l[i * k + m]! * y[m]!;
    y[i] = sum / l[i * k + i]!;
  }
  const c = new Float64Array(j);
  for (let i = j - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let m = i + 1; m < j; m++) sum -= l[m * k + i]! * c[m]!;
    c[i] = sum / l[i * k + i]!;
  }
  const partners: number[] = [];
  for (let i = 0; i < j; i++) if (Math.abs(c[i]!) > 1e-6) partners.push(i);
  return partners;
}

/**
 * OLS β = (X'X)⁻¹ X'y.
 * @param columns X as k columns of length n
 * @param names the k regressor names (for error messages)
 * @param y response, length n
 * Complexity O(n k² + k³). Throws SINGULAR_DESIGN (see assertFullRank) or INSUFFICIENT_DATA when n ≤ k.
 */
export function fitLeastSquares(columns: Float64Array[], names: string[], y: Float64Array): LeastSquaresFit {
  const n = y.length;
  const k = columns.length;
  if (n <= k) {
    throw new EstimationError(
      'INSUFFICIENT_DATA',
      `${n} observations for ${k} coefficients: need more observations than coefficients`,
      {
        nobs: n,
        coefficients: k,
      },
    );
  }
  const xtx = crossProduct(columns);
  assertFullRank(xtx, names);
  const xtxInverse = invertSpd(xtx, k);
  const xty = crossProductVector(columns, y);
  const beta = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += xtxInverse[i * k + j]! * xty[j]!;
    beta[i] = sum;
  }
  const fitted = columnsTimesVector(columns, beta, n);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = y[i]! - fitted[i]!;
  return { beta, xtxInverse, residuals, ssr: dot(residuals, residuals) };
}

/** Σ (v − v̄)², or Σ v² when `centered` is false. */
export function totalSumOfSquares(v: Float64Array, centered: boolean): number {
  let mean = 0;
  if (centered) {
    for (let i = 0; i < v.length; i++) mean += v[i]!;
    mean /= v.length;
  }
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i]! - mean) ** 2;
  return sum;
}
