/**
 * What the expected information of a one-parameter spatial model needs of G = W(I − cW)⁻¹ at the
 * estimate, without forming G densely:
 *   tr(G), tr(G²)  from the log-determinant kernel (eigenvalue sums, or the Taylor-mode sparse LU:
 *                  d/dc log|I − cW| = −tr(G), d²/dc² = −tr(G²)), exact;
 *   tr(G'G) = ‖G‖²_F = Σ_j ‖W (I − cW)⁻¹ e_j‖²  by N sparse solves in blocks of 8 (exact, O(N · fill));
 *                  above FROBENIUS_EXACT_LIMIT.n units by Hutchinson's estimator (1989) E‖Gz‖² with
 *                  HUTCHINSON_PROBES Rademacher probes, whose standard error is reported;
 *   G v per period by one sparse solve and a product with W per period.
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
  const lu = kernel.sparse();
  const exact = n <= FROBENIUS_EXACT_LIMIT.n;
  const columns = exact ? n : HUTCHINSON_PROBES;
  const rng = createRng(20040601);
  const rhs = new Float64Array(n * BLOCK);
  const col = new Float64Array(n);
  const lag = new Float64Array(n);
  let sum = 0;
  let sumSq = 0;
  for (let start = 0; start < columns; start += BLOCK) {
    const m = Math.min(BLOCK, columns - start);
    rhs.fill(0);
    for (let q = 0; q < m; q++) {
      if (exact) rhs[(start + q) * m + q] = 1;
      else for (let i = 0; i < n; i++) rhs[i * m + q] = rng.next() < 0.5 ? -1 : 1;
    }
    const x = lu.solveMany(c, rhs.subarray(0, n * m), m);
    for (let q = 0; q < m; q++) {
      for (let i = 0; i < n; i++) col[i] = x[i * m + q]!;
      spatialLag(w, col, lag);
      let s = 0;
      for (let i = 0; i < n; i++) s += lag[i]! * lag[i]!;
      sum += s;
      sumSq += s * s;
    }
  }
  if (exact) return { tr, tr2, frobenius: sum, frobeniusSe: 0 };
  const mean = sum / columns;
  const variance = (sumSq - columns * mean * mean) / (columns - 1);
  return { tr, tr2, frobenius: mean, frobeniusSe: Math.sqrt(variance / columns) };
}

/** G v = W (I − cW)⁻¹ v applied per period to a period-major vector. */
export function applyG(w: SpatialWeights, kernel: LogDetKernel, c: number, v: Float64Array): Float64Array {
  const n = w.n;
  const periods = v.length / n;
  const m = periods;
  // periods as right-hand sides: entry (i, t) at i·T + t
  const rhs = new Float64Array(n * m);
  for (let t = 0; t < m; t++) for (let i = 0; i < n; i++) rhs[i * m + t] = v[t * n + i]!;
  const x = kernel.sparse().solveMany(c, rhs, m);
  const out = new Float64Array(v.length);
  const col = new Float64Array(n);
  const lag = new Float64Array(n);
  for (let t = 0; t < m; t++) {
    for (let i = 0; i < n; i++) col[i] = x[i * m + t]!;
    spatialLag(w, col, lag);
    out.set(lag, t * n);
  }
  return out;
}
