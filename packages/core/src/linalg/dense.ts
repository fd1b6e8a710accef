/**
 * Dense linear algebra kernels on row-major n×n `Float64Array`s, written as plain loops
 * (faster than ml-matrix at the sizes met here: see ../shared/docs/numerics-notes.md).
 * A data matrix is an array of columns (`Float64Array[]`, each of length nrow).
 */
import { SpilloverError } from '@spillover/contracts';

/** Relative pivot threshold below which a symmetric matrix is treated as singular. */
const SINGULAR_TOLERANCE = 1e-13;

/**
 * Cholesky factor L (lower, row-major, A = L Lᵀ) of a symmetric positive-definite A.
 * Throws SpilloverError('SINGULAR_DESIGN', details.index = first failing pivot) when A is not
 * positive definite to working precision. O(n³/3).
 */
export function choleskyDecompose(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]!));
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= l[j * n + k]! * l[j * n + k]!;
    if (!(diagonal > SINGULAR_TOLERANCE * scale)) {
      throw new SpilloverError(
        'SINGULAR_DESIGN',
        `matrix is not positive definite (pivot ${j + 1} of ${n})`,
        { index: j },
      );
    }
    const root = Math.sqrt(diagonal);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = sum / root;
    }
  }
  return l;
}

/** Solves L Lᵀ X = B in place of a copy of B (n×nrhs, row-major). */
function choleskySolve(l: Float64Array, n: number, b: Float64Array, nrhs: number): Float64Array {
  const x = Float64Array.from(b);
  for (let c = 0; c < nrhs; c++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i * nrhs + c]!;
      for (let k = 0; k < i; k++) sum -= l[i * n + k]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = sum / l[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i * nrhs + c]!;
      for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = sum / l[i * n + i]!;
    }
  }
  return x;
}

/** Solves A X = B for symmetric positive-definite A (n×n) and B (n×nrhs, row-major). */
export function solveSpd(a: Float64Array, n: number, b: Float64Array, nrhs = 1): Float64Array {
  return choleskySolve(choleskyDecompose(a, n), n, b, nrhs);
}

/** A⁻¹ of a symmetric positive-definite A (n×n), symmetric to the last bit. */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  const inverse = choleskySolve(choleskyDecompose(a, n), n, identity(n), n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = 0.5 * (inverse[i * n + j]! + inverse[j * n + i]!);
      inverse[i * n + j] = mean;
      inverse[j * n + i] = mean;
    }
  }
  return inverse;
}

/** The n×n identity matrix. */
export function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

export interface LuFactors {
  /** L (unit lower, below the diagonal) and U (on and above it), packed row-major. */
  lu: Float64Array;
  /** Row i of the factored matrix is row piv[i] of A. */
  piv: Int32Array;
  /** Sign of the permutation: the determinant is sign × Π diag(U). */
  sign: number;
}

/** LU decomposition with partial pivoting, P A = L U. O(2n³/3). A zero pivot is left in place. */
export function luDecompose(a: Float64Array, n: number): LuFactors {
  const lu = Float64Array.from(a);
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[p * n + j]!;
        lu[p * n + j] = t;
      }
      const t = piv[k]!;
      piv[k] = piv[p]!;
      piv[p] = t;
      sign = -sign;
    }
    const pivot = lu[k * n + k]!;
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const factor = (lu[i * n + k]! /= pivot);
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j]! -= factor * lu[k * n + j]!;
    }
  }
  return { lu, piv, sign };
}

/** Solves A X = B from LU factors; B is n×nrhs row-major. Throws SINGULAR_DESIGN on a zero pivot. */
export function luSolve(
  f: Pick<LuFactors, 'lu' | 'piv'>,
  n: number,
  b: Float64Array,
  nrhs = 1,
): Float64Array {
  const { lu, piv } = f;
  const x = new Float64Array(n * nrhs);
  for (let i = 0; i < n; i++) for (let c = 0; c < nrhs; c++) x[i * nrhs + c] = b[piv[i]! * nrhs + c]!;
  for (let c = 0; c < nrhs; c++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i * nrhs + c]!;
      for (let k = 0; k < i; k++) sum -= lu[i * n + k]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = sum;
    }
    for (let i = n - 1; i >= 0; i--) {
      const pivot = lu[i * n + i]!;
      if (pivot === 0) {
        throw new SpilloverError('SINGULAR_DESIGN', `matrix is singular (pivot ${i + 1} of ${n})`, {
          index: i,
        });
      }
      let sum = x[i * nrhs + c]!;
      for (let k = i + 1; k < n; k++) sum -= lu[i * n + k]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = sum / pivot;
    }
  }
  return x;
}

/** A⁻¹ of a general square A by LU with partial pivoting. */
export function invertGeneral(a: Float64Array, n: number): Float64Array {
  return luSolve(luDecompose(a, n), n, identity(n), n);
}

/** log |det A| from the LU factors (−Infinity when singular). */
export function logAbsDeterminant(a: Float64Array, n: number): number {
  const { lu } = luDecompose(a, n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(Math.abs(lu[i * n + i]!));
  return sum;
}

/**
 * X'X (k×k, row-major) of a data matrix. Pass either an array of k columns, or a flat
 * column-major `Float64Array` with its nrow and ncol. O(n k²/2).
 */
export function crossProduct(x: Float64Array[]): Float64Array;
export function crossProduct(x: Float64Array, nrow: number, ncol: number): Float64Array;
export function crossProduct(x: Float64Array[] | Float64Array, nrow?: number, ncol?: number): Float64Array {
  const columns = Array.isArray(x) ? x : splitColumns(x, nrow!, ncol!);
  const k = columns.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const ci = columns[i]!;
    for (let j = 0; j <= i; j++) {
      const v = dot(ci, columns[j]!);
      out[i * k + j] = v;
      out[j * k + i] = v;
    }
  }
  return out;
}

/** X'y (length k) for a data matrix given as columns. */
export function crossProductVector(columns: Float64Array[], y: Float64Array): Float64Array {
  const out = new Float64Array(columns.length);
  for (let j = 0; j < columns.length; j++) out[j] = dot(columns[j]!, y);
  return out;
}

/** X'Z (k×m, row-major) of two data matrices given as columns. */
export function crossProductPair(x: Float64Array[], z: Float64Array[]): Float64Array {
  const k = x.length;
  const m = z.length;
  const out = new Float64Array(k * m);
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) out[i * m + j] = dot(x[i]!, z[j]!);
  return out;
}

/** Columns of a flat column-major matrix, as views (no copy). */
export function splitColumns(x: Float64Array, nrow: number, ncol: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < ncol; j++) out.push(x.subarray(j * nrow, (j + 1) * nrow));
  return out;
}

/** Σ a_i b_i. */
export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** X β for a data matrix given as columns (length nrow). */
export function columnsTimesVector(
  columns: Float64Array[],
  beta: ArrayLike<number>,
  nrow: number,
): Float64Array {
  const out = new Float64Array(nrow);
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j]!;
    const b = beta[j]!;
    for (let i = 0; i < nrow; i++) out[i]! += c[i]! * b;
  }
  return out;
}

/** A B for row-major A (n×m) and B (m×p). */
export function matMul(a: Float64Array, n: number, m: number, b: Float64Array, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j]! += aik * b[k * p + j]!;
    }
  }
  return out;
}

/** Aᵀ of a row-major A (nrow×ncol). */
export function transpose(a: Float64Array, nrow: number, ncol: number): Float64Array {
  const out = new Float64Array(nrow * ncol);
  for (let i = 0; i < nrow; i++) for (let j = 0; j < ncol; j++) out[j * nrow + i] = a[i * ncol + j]!;
  return out;
}
