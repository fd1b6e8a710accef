/**
 * LeSage & Pace (2009) summary impacts of a spatial lag model with S_k(W) = (I − ρW)⁻¹(β_k I + θ_k W):
 *   average direct  = tr(S_k)/N = (1/N) Σ_j (β_k + θ_k λ_j)/(1 − ρλ_j)   (eigenvalues of W, O(N)),
 *                     or β_k (1 + ρ t(ρ)) + θ_k t(ρ) with t(ρ) = tr(W(I − ρW)⁻¹)/N from the sparse LU
 *                     (A⁻¹ = I + ρWA⁻¹), interpolated over the range of the drawn ρ (./chebyshev.ts,
 *                     ~1e-13 relative) so that each draw costs O(1)
 *   average total   = 1'S_k 1/N = (β_k + θ_k)/(1 − ρ) for row-standardised W (W1 = 1); otherwise
 *                     β_k m(A⁻¹1) + θ_k m(A⁻¹W1), m = mean, by sparse solves with A = I − ρW
 *                     (interpolated over the drawn range like the traces)
 *   indirect        = total − direct.
 * Standard errors: `draws` draws of (ρ, β, θ) from N(estimate, V) with V their block of the FULL inverse
 * information (including the ρ–β covariance), seeded; SE = standard deviation over the draws.
 */
import { SpilloverError, type Impacts } from '@spillover/contracts';
import { choleskyDecompose, identity, luDecompose, luSolve } from '../linalg/dense.js';
import { normalTwoSidedP } from '../stats/distributions.js';
import { createRng } from '../stats/random.js';
import { chebyshevInterpolant } from './chebyshev.js';
import { luIsStable } from './sparse/lu.js';
import type { LogDetKernel } from './spectrum.js';
import { denseWeights, spatialLag, type SpatialWeights } from './weights/types.js';

/** One regressor's impact: its β and (SDM) θ positions in the parameter vector (−1 when absent). */
export interface ImpactTerm {
  name: string;
  beta: number;
  theta: number;
}

/** Means of (I − ρW)⁻¹ (diagonal and row sums) and of (I − ρW)⁻¹W, as functions of ρ. */
export class ImpactKernel {
  private readonly rowStandardised: boolean;
  private readonly ones: Float64Array;
  private readonly w1: Float64Array;
  constructor(
    private readonly w: SpatialWeights,
    private readonly logdet: LogDetKernel,
  ) {
    this.ones = new Float64Array(w.n).fill(1);
    this.w1 = spatialLag(w, this.ones);
    this.rowStandardised = w.style === 'row' && this.w1.every((v) => Math.abs(v - 1) < 1e-12);
  }

  /** (1/N) tr((I − ρW)⁻¹) and (1/N) tr((I − ρW)⁻¹W). */
  diagonalMeans(rho: number): { a: number; aw: number } {
    return this.logdet.inverseTraces(rho);
  }

  /** diagonalMeans as a function for many ρ in [lo, hi] (see LogDetKernel.inverseTracesOn). */
  diagonalMeansOn(lo: number, hi: number): (rho: number) => { a: number; aw: number } {
    return this.logdet.inverseTracesOn(lo, hi);
  }

  /** (1/N) 1'(I − ρW)⁻¹1 and (1/N) 1'(I − ρW)⁻¹W1. */
  rowSumMeans(rho: number): { a: number; aw: number } {
    if (this.rowStandardised) return { a: 1 / (1 - rho), aw: 1 / (1 - rho) };
    return this.solvedRowSums(rho);
  }

  /** rowSumMeans as a function for many ρ in [lo, hi]: Chebyshev interpolants of exact solves (../chebyshev.ts). */
  rowSumMeansOn(lo: number, hi: number): (rho: number) => { a: number; aw: number } {
    if (this.rowStandardised) return (rho) => this.rowSumMeans(rho);
    const solved = new Map<number, { a: number; aw: number }>();
    const at = (rho: number): { a: number; aw: number } => {
      let v = solved.get(rho);
      if (!v) solved.set(rho, (v = this.solvedRowSums(rho)));
      return v;
    };
    const a = chebyshevInterpolant((rho) => at(rho).a, lo, hi);
    const aw = chebyshevInterpolant((rho) => at(rho).aw, lo, hi);
    return a && aw ? (rho) => ({ a: a(rho), aw: aw(rho) }) : (rho) => this.solvedRowSums(rho);
  }

  /**
   * Means of (I − ρW)⁻¹[1, W1] by one sparse LU solve with two right-hand sides, or by a dense LU with
   * partial pivoting where elimination without pivoting is not known to be stable (luIsStable).
   */
  private solvedRowSums(rho: number): { a: number; aw: number } {
    const n = this.w.n;
    const rhs = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      rhs[2 * i] = 1;
      rhs[2 * i + 1] = this.w1[i]!;
    }
    let z: Float64Array;
    if (luIsStable(this.w, rho)) z = this.logdet.sparse().solveMany(rho, rhs, 2);
    else {
      const a = identity(n);
      const wd = denseWeights(this.w);
      for (let q = 0; q < n * n; q++) a[q]! -= rho * wd[q]!;
      z = luSolve(luDecompose(a, n), n, rhs, 2);
    }
    let a = 0;
    let aw = 0;
    for (let i = 0; i < n; i++) {
      a += z[2 * i]!;
      aw += z[2 * i + 1]!;
    }
    return { a: a / n, aw: aw / n };
  }
}

export interface ImpactsOptions {
  draws: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Point impacts at (ρ, coefficients) and simulated SEs. `vcov` is the covariance of the vector
 * (ρ, coefficients...) in that order (p × p, row-major, p = 1 + coefficients.length).
 */
export function lagImpacts(
  kernel: ImpactKernel,
  rho: number,
  coefficients: ArrayLike<number>,
  vcov: Float64Array,
  terms: ImpactTerm[],
  options: ImpactsOptions,
): Impacts {
  const evaluate = (
    r: number,
    c: ArrayLike<number>,
    out: Float64Array,
    d = kernel.diagonalMeans(r),
    t = kernel.rowSumMeans(r),
  ): void => {
    terms.forEach((term, k) => {
      const b = c[term.beta]!;
      const th = term.theta >= 0 ? c[term.theta]! : 0;
      const direct = b * d.a + th * d.aw;
      const total = b * t.a + th * t.aw;
      out[3 * k] = direct;
      out[3 * k + 1] = total - direct;
      out[3 * k + 2] = total;
    });
  };
  const m = terms.length;
  const point = new Float64Array(3 * m);
  evaluate(rho, coefficients, point);
  const se = new Float64Array(3 * m).fill(NaN);
  if (options.draws > 1) {
    const p = 1 + coefficients.length;
    let l: Float64Array;
    try {
      l = choleskyDecompose(vcov, p);
    } catch {
      throw new SpilloverError(
        'SINGULAR_DESIGN',
        'the covariance of (rho, coefficients) is not positive definite: impacts cannot be simulated',
      );
    }
    const mean = new Float64Array([rho, ...Array.from(coefficients)]);
    const rng = createRng(options.seed);
    const z = new Float64Array(p);
    // all draws first: the range of the drawn ρ fixes the interpolation interval of the traces
    const draws = new Float64Array(options.draws * p);
    let lo = rho;
    let hi = rho;
    for (let r = 0; r < options.draws; r++) {
      for (let i = 0; i < p; i++) z[i] = rng.normal();
      for (let i = 0; i < p; i++) {
        let s = mean[i]!;
        for (let j = 0; j <= i; j++) s += l[i * p + j]! * z[j]!;
        draws[r * p + i] = s;
      }
      lo = Math.min(lo, draws[r * p]!);
      hi = Math.max(hi, draws[r * p]!);
    }
    const diagonal = kernel.diagonalMeansOn(lo, hi);
    const rowSums = kernel.rowSumMeansOn(lo, hi);
    const value = new Float64Array(3 * m);
    const sum = new Float64Array(3 * m);
    const sumSq = new Float64Array(3 * m);
    const step = Math.max(1, Math.floor(options.draws / 20));
    for (let r = 0; r < options.draws; r++) {
      const draw = draws.subarray(r * p, (r + 1) * p);
      evaluate(draw[0]!, draw.subarray(1), value, diagonal(draw[0]!), rowSums(draw[0]!));
      for (let q = 0; q < 3 * m; q++) {
        // centred at the point estimate for numerical stability of the variance
        const dev = value[q]! - point[q]!;
        sum[q]! += dev;
        sumSq[q]! += dev * dev;
      }
      if (options.onProgress && ((r + 1) % step === 0 || r + 1 === options.draws)) {
        options.onProgress(r + 1, options.draws);
      }
    }
    const n = options.draws;
    for (let q = 0; q < 3 * m; q++) se[q] = Math.sqrt((sumSq[q]! - (sum[q]! * sum[q]!) / n) / (n - 1));
  }
  return impactsTable(terms, point, se);
}

/**
 * Impacts of SLX and SDEM (no spatial lag of y): direct = β_k, indirect = θ_k, total = β_k + θ_k,
 * with analytic SEs from the coefficient covariance `vcov` (k × k over `coefficients`):
 * se(total) = sqrt(V_ββ + V_θθ + 2 V_βθ).
 */
export function durbinImpacts(
  coefficients: ArrayLike<number>,
  vcov: Float64Array,
  terms: ImpactTerm[],
): Impacts {
  const k = coefficients.length;
  const v = (i: number, j: number): number => (i < 0 || j < 0 ? 0 : vcov[i * k + j]!);
  const point = new Float64Array(3 * terms.length);
  const se = new Float64Array(3 * terms.length);
  terms.forEach((t, q) => {
    const b = coefficients[t.beta]!;
    const th = t.theta >= 0 ? coefficients[t.theta]! : 0;
    point[3 * q] = b;
    point[3 * q + 1] = th;
    point[3 * q + 2] = b + th;
    se[3 * q] = Math.sqrt(v(t.beta, t.beta));
    se[3 * q + 1] = Math.sqrt(v(t.theta, t.theta));
    se[3 * q + 2] = Math.sqrt(v(t.beta, t.beta) + v(t.theta, t.theta) + 2 * v(t.beta, t.theta));
  });
  return impactsTable(terms, point, se);
}

function impactsTable(terms: ImpactTerm[], point: Float64Array, se: Float64Array): Impacts {
  const out: Impacts = { direct: {}, indirect: {}, total: {} };
  const parts = ['direct', 'indirect', 'total'] as const;
  terms.forEach((t, k) => {
    parts.forEach((part, q) => {
      const estimate = point[3 * k + q]!;
      const s = se[3 * k + q]!;
      out[part][t.name] =
        Number.isFinite(s) && s > 0
          ? { estimate, se: s, stat: estimate / s, p: normalTwoSidedP(estimate / s) }
          : { estimate };
    });
  });
  return out;
}
