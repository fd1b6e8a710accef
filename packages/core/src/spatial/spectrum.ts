/**
 * The eigenvalues of W, computed once per analysis, and what follows from them in O(n) per call:
 * log|I − ρW| = Σ_j log|1 − ρλ_j| (complex λ_j by their modulus), its derivatives, tr(G) and tr(G²)
 * for G = W(I − ρW)⁻¹, and the admissible interval (1/λ_min, 1/λ_max) of the spatial parameter.
 */
import { generalEigenvalues } from './eigen/general.js';
import { symmetricEigenvalues } from './eigen/symmetric.js';
import { PowerTraces } from './power-traces.js';
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
  method: 'symmetric' | 'general' | 'power-series';
  /** W has complex eigenvalues (log-determinant through their moduli). */
  complex: boolean;
  /** Open interval searched for ρ or λ. */
  lower: number;
  upper: number;
  logDet(rho: number): number;
  /** A cheaper approximation of logDet for the search stage (exact routes return logDet). */
  coarseLogDet(rho: number): number;
  /** tr(G), tr(G²), G = W(I − ρW)⁻¹. */
  traceG(rho: number): { tr: number; tr2: number };
  inverseTraces(rho: number): { a: number; aw: number };
}

/** Largest N for the eigenvalue route: symmetric solver (O(4N³/3)) and general solver (O(10N³)). */
export const EIGEN_LIMIT = { symmetric: 1500, general: 200 };

/**
 * Eigenvalues of W when they are cheap (W similar to a symmetric matrix and N ≤ 1,500, or N ≤ 200),
 * else the exact power-trace series (./power-traces.ts) when ‖W‖_∞ ≤ 1 (searching ρ in (−1, 1)),
 * else the general eigenvalue solver whatever N.
 */
export function logDetKernel(w: SpatialWeights): LogDetKernel {
  const eigen = w.symmetricRowSums ? w.n <= EIGEN_LIMIT.symmetric : w.n <= EIGEN_LIMIT.general;
  if (!eigen && PowerTraces.applies(w)) {
    const series = new PowerTraces(w);
    return {
      method: 'power-series',
      complex: false,
      lower: -1,
      upper: 1,
      logDet: (rho) => series.logDet(rho),
      coarseLogDet: (rho) => series.coarseLogDet(rho),
      traceG: (rho) => series.traceG(rho),
      inverseTraces: (rho) => series.inverseTraces(rho),
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
  };
}
