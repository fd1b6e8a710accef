/**
 * log|I − ρW| and the traces the estimators need, from the exact traces t_k = tr(W^k) of the powers
 * of W (k ≤ K), for ‖W‖_∞ ≤ 1 (e.g. row-standardised W) and |ρ| < 1:
 *   log|I − ρW| = −Σ_{k≥1} ρ^k t_k / k,   tr(G) = Σ_{k≥0} ρ^k t_{k+1},   tr(G²) = Σ_{k≥0} (k+1) ρ^k t_{k+2},
 *   tr((I − ρW)⁻¹) = Σ ρ^k t_k,   tr((I − ρW)⁻¹W) = Σ ρ^k t_{k+1}   (G = W(I − ρW)⁻¹).
 * The t_k come from W^k = W·W^{k−1} as sparse-times-dense products (O(nnz·N) per power) and are
 * extended on demand until |ρ|^K·K < 1e-16 (|t_k| ≤ N, so the truncation error is below ~1e-16·N
 * relative to the leading terms): exact to rounding for |ρ| ≤ 0.88 with K ≤ 300 powers. Beyond
 * K_MAX = 300 powers log|I − ρW| falls back to a dense LU (O(N³)) and the trace series are truncated
 * (relative error about |ρ|^300). Used instead of eigenvalues for large or non-symmetric W, where
 * the general eigenvalue solver costs about 10N³ flops.
 */
import { logAbsDeterminant, identity } from '../linalg/dense.js';
import { denseWeights, type SpatialWeights } from './weights/types.js';

const K_MAX = 300;
const CHUNK = 8;
const COARSE_TERMS = 24;

export class PowerTraces {
  /** t[k] = tr(W^k). */
  private t: number[];
  private power: Float64Array;
  private next: Float64Array;

  constructor(private readonly w: SpatialWeights) {
    const n = w.n;
    this.t = [n];
    this.power = identity(n);
    this.next = new Float64Array(n * n);
  }

  /** True when ‖W‖_∞ ≤ 1, so that the series converge for |ρ| < 1. */
  static applies(w: SpatialWeights): boolean {
    for (let i = 0; i < w.n; i++) {
      let s = 0;
      for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) s += Math.abs(w.val[p]!);
      if (s > 1 + 1e-12) return false;
    }
    return true;
  }

  private extendTo(k: number): void {
    const { w } = this;
    const n = w.n;
    while (this.t.length <= k) {
      const next = this.next;
      next.fill(0);
      const power = this.power;
      for (let i = 0; i < n; i++) {
        const ri = i * n;
        for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
          const f = w.val[p]!;
          const rk = w.col[p]! * n;
          for (let j = 0; j < n; j++) next[ri + j]! += f * power[rk + j]!;
        }
      }
      let tr = 0;
      for (let i = 0; i < n; i++) tr += next[i * n + i]!;
      this.t.push(tr);
      this.next = power;
      this.power = next;
    }
  }

  /** Number of terms needed at |ρ| (capped at K_MAX), with the traces computed that far (+2). */
  private terms(rho: number): number {
    const r = Math.abs(rho);
    let k = CHUNK;
    while (k < K_MAX && r ** k * k > 1e-16) k += CHUNK;
    k = Math.min(k, K_MAX);
    this.extendTo(k + 2);
    return k;
  }

  private converged(rho: number): boolean {
    return Math.abs(rho) ** K_MAX * K_MAX <= 1e-16;
  }

  /**
   * Cheap log|I − ρW| for locating an optimum: the series truncated at the powers computed so far
   * (at least COARSE_TERMS); not exact for large |ρ|. Final values always come from logDet.
   */
  coarseLogDet(rho: number): number {
    this.extendTo(COARSE_TERMS);
    let s = 0;
    let rk = 1;
    for (let j = 1; j < this.t.length; j++) {
      rk *= rho;
      s -= (rk * this.t[j]!) / j;
    }
    return s;
  }

  logDet(rho: number): number {
    if (!this.converged(rho)) {
      const n = this.w.n;
      const a = identity(n);
      const wd = denseWeights(this.w);
      for (let q = 0; q < n * n; q++) a[q]! -= rho * wd[q]!;
      return logAbsDeterminant(a, n);
    }
    const k = this.terms(rho);
    let s = 0;
    let rk = 1;
    for (let j = 1; j <= k; j++) {
      rk *= rho;
      s -= (rk * this.t[j]!) / j;
    }
    return s;
  }

  traceG(rho: number): { tr: number; tr2: number } {
    const k = this.terms(rho);
    let tr = 0;
    let tr2 = 0;
    let rk = 1;
    for (let j = 0; j <= k; j++) {
      tr += rk * this.t[j + 1]!;
      tr2 += (j + 1) * rk * this.t[j + 2]!;
      rk *= rho;
    }
    return { tr, tr2 };
  }

  /** (1/N) tr((I − ρW)⁻¹) and (1/N) tr((I − ρW)⁻¹W). */
  inverseTraces(rho: number): { a: number; aw: number } {
    const k = this.terms(rho);
    let a = 0;
    let aw = 0;
    let rk = 1;
    for (let j = 0; j <= k; j++) {
      a += rk * this.t[j]!;
      aw += rk * this.t[j + 1]!;
      rk *= rho;
    }
    return { a: a / this.w.n, aw: aw / this.w.n };
  }
}
