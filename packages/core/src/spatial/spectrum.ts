/**
 * log|I − ρW| and the traces the estimators need of W, by one of two exact routes chosen once per W
 * (logDetKernel):
 * - eigenvalues (small N): log|I − ρW| = Σ_j log|1 − ρλ_j| (complex λ_j by their modulus), tr(G) and
 *   tr(G²) for G = W(I − ρW)⁻¹ in O(N) per call, and the admissible interval (1/λ_min, 1/λ_max);
 * - a sparse LU of I − ρW per evaluation (./sparse/lu.ts), with the derivatives of the log-determinant
 *   (−tr(G), −tr(G²)) by Taylor arithmetic: O(N^{3/2}) per call for planar-like W.
 */
import { generalEigenvalues } from './eigen/general.js';
import { symmetricEigenvalues } from './eigen/symmetric.js';
import { chebyshevInterpolant } from './chebyshev.js';
import { SparseLu } from './sparse/lu.js';
import { denseWeights, type SpatialWeights } from './weights/types.js';

export interface Spectrum {
  re: Float64Array;
  im: Float64Array;
  /** `symmetric`: from the symmetric matrix similar to W; `general`: Hessenberg + shifted QR. */
  method: 'symmetric' | 'general';
  /** Smallest and largest real eigenvalue. */
  lambdaMin: number;
  lambdaMax: number;
}

/**
 * Eigenvalues of W. A W row-standardised from a symmetric C (W = D⁻¹C) is similar to the symmetric
 * D^{-1/2} C D^{-1/2}, whose eigenvalues come from the tridiagonal QL solver; any other W uses the
 * general solver (complex eigenvalues possible).
 */
export function weightsSpectrum(w: SpatialWeights): Spectrum {
  const n = w.n;
  let re: Float64Array;
  let im: Float64Array;
  let method: Spectrum['method'];
  if (w.symmetricRowSums) {
    // (D^{1/2} W D^{-1/2})_ij = w_ij sqrt(d_i / d_j), symmetric when W = D⁻¹C with C symmetric
    const d = w.symmetricRowSums;
    const s = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
        const j = w.col[p]!;
        s[i * n + j] = w.val[p]! * Math.sqrt(d[i]! / d[j]!);
      }
    }
    re = symmetricEigenvalues(s, n);
    im = new Float64Array(n);
    method = 'symmetric';
  } else {
    ({ re, im } = generalEigenvalues(denseWeights(w), n));
    method = 'general';
  }
  let lambdaMin = Infinity;
  let lambdaMax = -Infinity;
  for (let j = 0; j < n; j++) {
    if (Math.abs(im[j]!) > 1e-10 * Math.max(1, Math.abs(re[j]!))) continue;
    lambdaMin = Math.min(lambdaMin, re[j]!);
    lambdaMax = Math.max(lambdaMax, re[j]!);
  }
  return { re, im, method, lambdaMin, lambdaMax };
}

/** log|I − ρW| = Σ_j ½ log((1 − ρa_j)² + (ρb_j)²) for λ_j = a_j + i b_j. */
export function logDet(s: Spectrum, rho: number): number {
  let sum = 0;
  const { re, im } = s;
  for (let j = 0; j < re.length; j++) {
    const a = 1 - rho * re[j]!;
    const b = rho * im[j]!;
    sum += b === 0 ? Math.log(Math.abs(a)) : 0.5 * Math.log(a * a + b * b);
  }
  return sum;
}

/**
 * tr(G) and tr(G²) for G = W(I − ρW)⁻¹, whose eigenvalues are λ/(1 − ρλ); d log|I − ρW| / dρ = −tr(G).
 */
export function traceG(s: Spectrum, rho: number): { tr: number; tr2: number } {
  let tr = 0;
  let tr2 = 0;
  const { re, im } = s;
  for (let j = 0; j < re.length; j++) {
    const a = re[j]!;
    const b = im[j]!;
    const da = 1 - rho * a;
    const db = rho * b;
    const m = da * da + db * db;
    // (a + ib)(da + i db) / m
    const gr = (a * da - b * db) / m;
    const gi = (b * da + a * db) / m;
    tr += gr;
    tr2 += gr * gr - gi * gi;
  }
  return { tr, tr2 };
}

/** Open admissible interval of a spatial parameter: (1/λ_min, 1/λ_max). */
export function parameterBounds(s: Spectrum): { lower: number; upper: number } {
  return {
    lower: s.lambdaMin < 0 ? 1 / s.lambdaMin : -Infinity,
    upper: s.lambdaMax > 0 ? 1 / s.lambdaMax : Infinity,
  };
}

/** Inverse traces (1/N) tr((I − ρW)⁻¹) and (1/N) tr((I − ρW)⁻¹W) from the eigenvalues: Re Σ 1/(1 − ρλ), Re Σ λ/(1 − ρλ). */
export function inverseTraces(s: Spectrum, rho: number): { a: number; aw: number } {
  const { re, im } = s;
  let a = 0;
  let aw = 0;
  for (let j = 0; j < re.length; j++) {
    const x = re[j]!;
    const y = im[j]!;
    const dr = 1 - rho * x;
    const di = -rho * y;
    const m = dr * dr + di * di;
    a += dr / m;
    aw += (x * dr + y * di) / m;
  }
  return { a: a / re.length, aw: aw / re.length };
}

/** What the estimators need of W as a function of a spatial parameter, computed once per W. */
export interface LogDetKernel {
  /** `symmetric`, `general`: eigenvalues of W; `sparse-lu`: a sparse LU of I − ρW per evaluation. */
  method: 'symmetric' | 'general' | 'sparse-lu';
  /** W has complex eigenvalues (log-determinant through their moduli; only known on the eigenvalue routes). */
  complex: boolean;
  /** Open interval searched for ρ or λ. */
  lower: number;
  upper: number;
  logDet(rho: number): number;
  /** The log-determinant used while locating an optimum; every route is exact, so it is logDet. */
  coarseLogDet(rho: number): number;
  /** tr(G), tr(G²), G = W(I − ρW)⁻¹. */
  traceG(rho: number): { tr: number; tr2: number };
  inverseTraces(rho: number): { a: number; aw: number };
  /**
   * inverseTraces as a function accurate to ~1e-13 relative on [lo, hi], for many evaluations (impact
   * draws): the eigenvalue sums themselves, or a Chebyshev interpolant of exact values (./chebyshev.ts).
   */
  inverseTracesOn(lo: number, hi: number): (rho: number) => { a: number; aw: number };
  /** The sparse LU of I − ρW (built on first use), for solves with I − ρW. */
  sparse(): SparseLu;
}

/**
 * Largest N for the eigenvalue route: symmetric tridiagonal QL (O(4N³/3), 21-29 ms at N = 285) and the
 * general Hessenberg-QR solver (O(10N³)). Above them the sparse LU costs far less per evaluation.
 */
export const EIGEN_LIMIT = { symmetric: 250, general: 100 };

/**
 * Eigenvalues of W when they are cheap (W similar to a symmetric matrix and N ≤ 250, or N ≤ 100), else
 * a sparse LU of I − ρW per evaluation (./sparse/lu.ts). Both are exact to rounding. The LU route
 * searches |ρ| < 1/‖W‖_∞ (= (−1, 1) for row-standardised W), where I − ρW is diagonally dominant; the
 * eigenvalue route (1/λ_min, 1/λ_max).
 */
export function logDetKernel(w: SpatialWeights): LogDetKernel {
  let lu: SparseLu | null = null;
  const sparse = (): SparseLu => (lu ??= new SparseLu(w));
  const eigen = w.symmetricRowSums ? w.n <= EIGEN_LIMIT.symmetric : w.n <= EIGEN_LIMIT.general;
  if (!eigen) {
    const norm = maxAbsRowSum(w);
    const bound = norm > 0 ? 1 / norm : 1;
    const inverse = (rho: number): { a: number; aw: number } => {
      const tr = -sparse().factor(rho, 1).d1;
      return { a: 1 + (rho * tr) / w.n, aw: tr / w.n };
    };
    return {
      method: 'sparse-lu',
      complex: false,
      lower: -bound,
      upper: bound,
      logDet: (rho) => sparse().factor(rho, 0).logDet,
      coarseLogDet: (rho) => sparse().factor(rho, 0).logDet,
      traceG: (rho) => {
        const f = sparse().factor(rho, 2);
        return { tr: -f.d1, tr2: -f.d2 };
      },
      inverseTraces: inverse,
      inverseTracesOn: (lo, hi) => {
        // A⁻¹ = I + ρG, so both means follow from t(ρ) = tr(G)/N = aw
        const t = chebyshevInterpolant((rho) => inverse(rho).aw, lo, hi);
        return t ? (rho) => ({ a: 1 + rho * t(rho), aw: t(rho) }) : inverse;
      },
      sparse,
    };
  }
  const s = weightsSpectrum(w);
  const { lower, upper } = parameterBounds(s);
  return {
    method: s.method,
    complex: s.im.some((v) => v !== 0),
    lower: Number.isFinite(lower) ? lower : -1,
    upper: Number.isFinite(upper) ? upper : 1,
    logDet: (rho) => logDet(s, rho),
    coarseLogDet: (rho) => logDet(s, rho),
    traceG: (rho) => traceG(s, rho),
    inverseTraces: (rho) => inverseTraces(s, rho),
    inverseTracesOn: () => (rho) => inverseTraces(s, rho),
    sparse,
  };
}

/** ‖W‖_∞, an upper bound of the spectral radius of W. */
function maxAbsRowSum(w: SpatialWeights): number {
  let norm = 0;
  for (let i = 0; i < w.n; i++) {
    let s = 0;
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) s += Math.abs(w.val[p]!);
    norm = Math.max(norm, s);
  }
  return norm;
}
