/**
 * What the expected information of a one-parameter spatial model needs of G = W(I − cW)⁻¹ at the
 * estimate, without forming G densely:
 *   tr(G), tr(G²)  from the log-determinant kernel (eigenvalue sums, or the Taylor-mode sparse LU:
 *                  d/dc log|I − cW| = −tr(G), d²/dc² = −tr(G²)), exact;
 *   tr(G'G) = ‖G‖²_F = Σ_j ‖W (I − cW)⁻¹ e_j‖²  by N sparse solves in blocks of 8 (exact, O(N · fill):
 *                  ~0.1 s at N = 1,000, ~1 s at N = 3,000 for a 6-nearest-neighbour W);
 *                  above FROBENIUS_EXACT_LIMIT.n units by Hutchinson's estimator (1989) E‖Gz‖² with
 *                  HUTCHINSON_PROBES Rademacher probes, whose standard error is reported;
 *   G v per period by one sparse solve and a product with W per period;
 *   diag(G) (score-based covariances) from the same N columns W (I − cW)⁻¹ e_j, exact.
 */
import { createRng } from '../../stats/random.js';
import type { LogDetKernel } from '../spectrum.js';
import { spatialLag, type SpatialWeights } from '../weights/types.js';

/** Largest N for the exact ‖G‖²_F (N solves); mutable for tests. */
export const FROBENIUS_EXACT_LIMIT = { n: 5000 };
const HUTCHINSON_PROBES = 200;
const BLOCK = 8;

export interface GTraces {
  tr: number;
  tr2: number;
  /** tr(G'G). */
  frobenius: number;
  /** Standard error of a stochastic tr(G'G); 0 when exact. */
  frobeniusSe: number;
}

export function gTraces(w: SpatialWeights, kernel: LogDetKernel, c: number): GTraces {
  const { tr, tr2 } = kernel.traceG(c);
  const n = w.n;
  const exact = n <= FROBENIUS_EXACT_LIMIT.n;
  const columns = exact ? n : HUTCHINSON_PROBES;
  const rng = createRng(20040601);
  const squares = new Float64Array(columns);
  for (let start = 0; start < columns; start += BLOCK) {
    const m = Math.min(BLOCK, columns - start);
    let x: Float64Array;
    if (exact) x = kernel.sparse().inverseColumns(c, start, m);
    else {
      const rhs = new Float64Array(n * m);
      for (let i = 0; i < n * m; i++) rhs[i] = rng.next() < 0.5 ? -1 : 1;
      x = kernel.sparse().solveMany(c, rhs, m);
    }
    laggedSquares(w, x, m, squares.subarray(start, start + m));
  }
  let sum = 0;
  for (let j = 0; j < columns; j++) sum += squares[j]!;
  if (exact) return { tr, tr2, frobenius: sum, frobeniusSe: 0 };
  const mean = sum / columns;
  let ss = 0;
  for (let j = 0; j < columns; j++) ss += (squares[j]! - mean) ** 2;
  return { tr, tr2, frobenius: mean, frobeniusSe: Math.sqrt(ss / (columns - 1) / columns) };
}

/** diag(G), G_jj = Σ_p w_jp ((I − cW)⁻¹)_pj, from the N columns of the inverse (exact, O(N · fill)). */
export function gDiagonal(w: SpatialWeights, kernel: LogDetKernel, c: number): Float64Array {
  const n = w.n;
  const lu = kernel.sparse();
  const out = new Float64Array(n);
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    const x = lu.inverseColumns(c, start, m);
    for (let q = 0; q < m; q++) {
      const j = lu.order[start + q]!;
      let s = 0;
      for (let p = w.rowPtr[j]!; p < w.rowPtr[j + 1]!; p++) s += w.val[p]! * x[w.col[p]! * m + q]!;
      out[j] = s;
    }
  }
  return out;
}

/** ‖W x_q‖² for each of the m interleaved columns x_q of `x` (n × m row-major), into `out`. */
function laggedSquares(w: SpatialWeights, x: Float64Array, m: number, out: Float64Array): void {
  const { rowPtr, col, val } = w;
  const row = new Float64Array(m);
  for (let i = 0; i < w.n; i++) {
    row.fill(0);
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const f = val[p]!;
      const xj = col[p]! * m;
      for (let q = 0; q < m; q++) row[q]! += f * x[xj + q]!;
    }
    for (let q = 0; q < m; q++) out[q]! += row[q]! * row[q]!;
  }
}

/** G v = W (I − cW)⁻¹ v applied per period to a period-major vector (the periods solved as one block). */
export function applyG(w: SpatialWeights, kernel: LogDetKernel, c: number, v: Float64Array): Float64Array {
  const n = w.n;
  const m = v.length / n;
  // period t is right-hand side t: entry (i, t) at i·m + t
  const rhs = new Float64Array(n * m);
  for (let t = 0; t < m; t++) for (let i = 0; i < n; i++) rhs[i * m + t] = v[t * n + i]!;
  const x = kernel.sparse().solveMany(c, rhs, m);
  const out = new Float64Array(v.length);
  const col = new Float64Array(n);
  const lag = new Float64Array(n);
  for (let t = 0; t < m; t++) {
    for (let i = 0; i < n; i++) col[i] = x[i * m + t]!;
    out.set(spatialLag(w, col, lag), t * n);
  }
  return out;
}
