/**
 * Global and local spatial autocorrelation of one cross-section x (units in W's order).
 * Moran's I and Geary's C with moments under randomisation (Cliff & Ord 1981, as spdep's
 * moran.test / geary.test with randomisation = TRUE); local Moran I_i (Anselin 1995, as spdep's
 * localmoran) with the HH/LL/HL/LH quadrants; permutation p-values with a seeded generator.
 */
import { normalSf, normalTwoSidedP } from '../stats/distributions.js';
import type { Rng } from '../stats/random.js';
import type { SpatialWeights } from './weights/types.js';

/** S0 = Σw_ij, S1 = ½Σ(w_ij + w_ji)², S2 = Σ_i(w_i. + w_.i)² of W (scaled by `copies` for I_T ⊗ W). */
export interface WeightsMoments {
  s0: number;
  s1: number;
  s2: number;
}

export function weightsMoments(w: SpatialWeights): WeightsMoments {
  const { n, rowPtr, col, val } = w;
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  let s0 = 0;
  let squares = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const j = col[p]!;
      const v = val[p]!;
      s0 += v;
      squares += v * v;
      rowSum[i]! += v;
      colSum[j]! += v;
      // w_ji by binary search in the sorted row j
      let lo = rowPtr[j]!;
      let hi = rowPtr[j + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (col[mid] === i) {
          cross += v * val[mid]!;
          break;
        }
        if (col[mid]! < i) lo = mid + 1;
        else hi = mid - 1;
      }
    }
  }
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (rowSum[i]! + colSum[i]!) ** 2;
  return { s0, s1: squares + cross, s2 };
}

export interface AutocorrelationTest {
  /** Moran's I or Geary's C. */
  statistic: number;
  expectation: number;
  variance: number;
  /** Standard deviate, signed so that positive means positive autocorrelation. */
  z: number;
  /** One-sided p for positive autocorrelation. */
  p: number;
  pTwoSided: number;
}

/** Σ_t z_t' W z_t over the periods stacked in z (length n·T, period-major). */
function crossSum(w: SpatialWeights, z: Float64Array): number {
  let s = 0;
  const periods = z.length / w.n;
  for (let t = 0; t < periods; t++) {
    const o = t * w.n;
    for (let i = 0; i < w.n; i++) {
      let lag = 0;
      for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) lag += w.val[p]! * z[o + w.col[p]!]!;
      s += z[o + i]! * lag;
    }
  }
  return s;
}

function centred(x: Float64Array): { z: Float64Array; m2: number; m4: number } {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const z = Float64Array.from(x, (v) => v - mean);
  let m2 = 0;
  let m4 = 0;
  for (const v of z) {
    m2 += v * v;
    m4 += v ** 4;
  }
  return { z, m2: m2 / n, m4: m4 / n };
}

/** Moran's I = (n/S0) z'Wz / z'z; for several periods stacked in x, the pooled I under I_T ⊗ W. */
export function moranI(w: SpatialWeights, x: Float64Array, s0 = weightsMoments(w).s0): number {
  const { z, m2 } = centred(x);
  const periods = x.length / w.n;
  return crossSum(w, z) / (periods * s0) / m2;
}

/**
 * Moran's I test under randomisation: E[I] = −1/(n − 1),
 * E[I²] = [n((n² − 3n + 3)S1 − nS2 + 3S0²) − b2((n² − n)S1 − 2nS2 + 6S0²)] / ((n − 1)(n − 2)(n − 3)S0²),
 * b2 = n Σz⁴/(Σz²)². For x stacking T periods, the moments are those of I_T ⊗ W (S_k × T).
 */
export function moranTest(
  w: SpatialWeights,
  x: Float64Array,
  moments = weightsMoments(w),
): AutocorrelationTest {
  const n = x.length;
  const periods = n / w.n;
  const s0 = moments.s0 * periods;
  const s1 = moments.s1 * periods;
  const s2 = moments.s2 * periods;
  const { z, m2, m4 } = centred(x);
  const statistic = crossSum(w, z) / s0 / m2;
  const b2 = m4 / (m2 * m2);
  const expectation = -1 / (n - 1);
  const ei2 =
    (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
      b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
    ((n - 1) * (n - 2) * (n - 3) * s0 * s0);
  const variance = ei2 - expectation * expectation;
  const zs = (statistic - expectation) / Math.sqrt(variance);
  return { statistic, expectation, variance, z: zs, p: normalSf(zs), pTwoSided: normalTwoSidedP(zs) };
}

/**
 * Geary's C = (n − 1) Σ w_ij (x_i − x_j)² / (2 S0 Σ z²), E[C] = 1, variance under randomisation
 * (Cliff & Ord 1981, as spdep): [(n−1)S1(n² − 3n + 3 − (n−1)b2) − ¼(n−1)S2(n² + 3n − 6 − (n² − n + 2)b2)
 * + S0²(n² − 3 − (n−1)²b2)] / (n(n−2)(n−3)S0²). z = (1 − C)/sd, so z > 0 means positive autocorrelation.
 */
export function gearyTest(
  w: SpatialWeights,
  x: Float64Array,
  moments = weightsMoments(w),
): AutocorrelationTest {
  const n = x.length;
  const { s0, s1, s2 } = moments;
  const { m2, m4 } = centred(x);
  let num = 0;
  for (let i = 0; i < w.n; i++) {
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) num += w.val[p]! * (x[i]! - x[w.col[p]!]!) ** 2;
  }
  const statistic = ((n - 1) * num) / (2 * s0 * n * m2);
  const b2 = m4 / (m2 * m2);
  const variance =
    ((n - 1) * s1 * (n * n - 3 * n + 3 - (n - 1) * b2) -
      0.25 * (n - 1) * s2 * (n * n + 3 * n - 6 - (n * n - n + 2) * b2) +
      s0 * s0 * (n * n - 3 - (n - 1) ** 2 * b2)) /
    (n * (n - 2) * (n - 3) * s0 * s0);
  const zs = (1 - statistic) / Math.sqrt(variance);
  return { statistic, expectation: 1, variance, z: zs, p: normalSf(zs), pTwoSided: normalTwoSidedP(zs) };
}

export type LisaQuadrant = 'HH' | 'LL' | 'HL' | 'LH';

export interface LocalMoran {
  unit: string;
  I: number;
  expectation: number;
  variance: number;
  z: number;
  /** Two-sided normal p-value. */
  p: number;
  /** Position of (z_i, (Wz)_i): high-high, low-low, high-low, low-high. */
  quadrant: LisaQuadrant;
}

/**
 * Local Moran I_i = z_i (Wz)_i / m2, m2 = Σz²/n; E[I_i] = −w_i./(n − 1);
 * Var = w_i(2)(n − b2)/(n − 1) + (w_i.² − w_i(2))(2b2 − n)/((n − 1)(n − 2)) − E[I_i]², w_i(2) = Σ_j w_ij².
 */
export function localMoran(w: SpatialWeights, x: Float64Array): LocalMoran[] {
  const n = w.n;
  const { z, m2, m4 } = centred(x);
  const b2 = m4 / (m2 * m2);
  const out: LocalMoran[] = [];
  for (let i = 0; i < n; i++) {
    let lag = 0;
    let wi = 0;
    let wi2 = 0;
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
      lag += w.val[p]! * z[w.col[p]!]!;
      wi += w.val[p]!;
      wi2 += w.val[p]! ** 2;
    }
    const I = (z[i]! * lag) / m2;
    const expectation = -wi / (n - 1);
    const variance =
      (wi2 * (n - b2)) / (n - 1) +
      ((wi * wi - wi2) * (2 * b2 - n)) / ((n - 1) * (n - 2)) -
      expectation * expectation;
    const zi = (I - expectation) / Math.sqrt(variance);
    const quadrant: LisaQuadrant = z[i]! >= 0 ? (lag >= 0 ? 'HH' : 'HL') : lag >= 0 ? 'LH' : 'LL';
    out.push({ unit: w.ids[i]!, I, expectation, variance, z: zi, p: normalTwoSidedP(zi), quadrant });
  }
  return out;
}

/**
 * Permutation p-value of Moran's I for positive autocorrelation: (1 + #{I_perm ≥ I}) / (reps + 1),
 * permuting x over the units (Fisher–Yates) with `rng`.
 */
export function moranPermutationP(w: SpatialWeights, x: Float64Array, reps: number, rng: Rng): number {
  const { s0 } = weightsMoments(w);
  const observed = moranI(w, x, s0);
  const perm = Float64Array.from(x);
  let count = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    if (moranI(w, perm, s0) >= observed) count++;
  }
  return (count + 1) / (reps + 1);
}

/**
 * Conditional permutation pseudo p-values of the local Moran I_i (Anselin 1995; GeoDa's convention):
 * x_i stays in place and its neighbours' values are drawn without replacement from the other n − 1
 * units, `reps` times; p_i = (1 + #{I_i,perm at least as extreme as I_i in its own direction}) / (reps + 1).
 */
export function localMoranPermutationP(
  w: SpatialWeights,
  x: Float64Array,
  reps: number,
  rng: Rng,
): Float64Array {
  const n = w.n;
  const { z, m2 } = centred(x);
  const out = new Float64Array(n);
  const pool = new Int32Array(n - 1);
  for (let i = 0; i < n; i++) {
    const start = w.rowPtr[i]!;
    const k = w.rowPtr[i + 1]! - start;
    let lag = 0;
    for (let p = start; p < start + k; p++) lag += w.val[p]! * z[w.col[p]!]!;
    const observed = (z[i]! * lag) / m2;
    for (let j = 0, q = 0; j < n; j++) if (j !== i) pool[q++] = j;
    let count = 0;
    for (let r = 0; r < reps; r++) {
      // partial Fisher–Yates: the first k entries of the pool become the drawn neighbours
      let s = 0;
      for (let a = 0; a < k; a++) {
        const b = a + Math.floor(rng.next() * (n - 1 - a));
        const t = pool[a]!;
        pool[a] = pool[b]!;
        pool[b] = t;
        s += w.val[start + a]! * z[pool[a]!]!;
      }
      const perm = (z[i]! * s) / m2;
      if (observed >= 0 ? perm >= observed : perm <= observed) count++;
    }
    out[i] = (count + 1) / (reps + 1);
  }
  return out;
}
