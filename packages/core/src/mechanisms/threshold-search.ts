/**
 * The residual sum of squares of a unit fixed-effects threshold regression over every candidate
 * threshold in one pass (Hansen 1999, J. Econometrics 93, section 2).
 *
 * With fixed within-transformed regressors Z̃ (the regime variable q, the controls and any
 * thresholds already estimated) and the indicator regressor d(γ) = Q(q·1{g ≤ γ}) (Q = unit demeaning),
 *   SSR(γ) = SSR_Z − (d'M_Z ỹ)² / (d'M_Z d)
 *   d'M_Z ỹ = D'ỹ − D'Z̃ (Z̃'Z̃)⁻¹ Z̃'ỹ,   d'M_Z d = D'D − Σ_i (Σ_t D_it)²/T_i − D'Z̃ (Z̃'Z̃)⁻¹ Z̃'D
 * with D = q·1{g ≤ γ} raw (Q is a projection and ỹ, Z̃ are in its range, so d'v = D'v).
 * Walking the observations in increasing g, D'ỹ, D'Z̃, D'D and the unit sums Σ_t D_it change by one
 * term each (rank-one updates), so the whole curve costs O(n log n + n k + m k²) for n observations
 * and m candidates, instead of m regressions.
 */
import { crossProduct, crossProductVector, dot, invertSpd } from '../linalg/dense.js';

export interface ThresholdData {
  n: number;
  unitIndex: Int32Array;
  nunits: number;
  /** Observations per unit. */
  unitCount: Float64Array;
  /** Regime variable q (raw). */
  regime: Float64Array;
  /** Threshold variable g. */
  threshold: Float64Array;
  /** Observations in increasing g (ties in row order). */
  order: Int32Array;
  /** Candidate thresholds, ascending distinct values of g. */
  candidates: Float64Array;
  /** Per candidate: the number of observations with g ≤ candidate. */
  below: Int32Array;
  /** floor(trim·n): observations trimmed at each end and the smallest regime. */
  trimCount: number;
}

/**
 * Candidates: sort the n values of g (with repetition), drop the floor(trim·n) lowest and highest,
 * keep the distinct remaining values ascending (`grid` 'all'), or the distinct values at `grid`
 * evenly spaced positions of that trimmed range.
 */
export function prepareThresholdData(
  regime: Float64Array,
  threshold: Float64Array,
  unitIndex: Int32Array,
  nunits: number,
  trim: number,
  grid: 'all' | number,
): ThresholdData {
  const n = threshold.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => threshold[a]! - threshold[b]! || a - b,
  );
  const sorted = Float64Array.from(order, (i) => threshold[i]!);
  const trimCount = Math.floor(trim * n);
  const first = trimCount;
  const last = n - trimCount - 1;
  const positions: number[] = [];
  if (grid === 'all') for (let i = first; i <= last; i++) positions.push(i);
  else for (let j = 0; j < grid; j++) positions.push(Math.round(first + (j * (last - first)) / (grid - 1)));
  const candidates: number[] = [];
  for (const i of positions) {
    if (candidates.length === 0 || sorted[i]! > candidates[candidates.length - 1]!) {
      candidates.push(sorted[i]!);
    }
  }
  const below = new Int32Array(candidates.length);
  let position = 0;
  candidates.forEach((value, c) => {
    while (position < n && sorted[position]! <= value) position++;
    below[c] = position;
  });
  const unitCount = new Float64Array(nunits);
  for (let i = 0; i < n; i++) unitCount[unitIndex[i]!]!++;
  return {
    n,
    unitIndex,
    nunits,
    unitCount,
    regime,
    threshold,
    order,
    candidates: Float64Array.from(candidates),
    below,
    trimCount,
  };
}

export interface SsrCurve {
  /** SSR per candidate; NaN where the candidate is not allowed. */
  ssr: Float64Array;
  /** Index of the smallest SSR (ties: the smallest γ); −1 when no candidate is allowed. */
  best: number;
  bestSsr: number;
  /** SSR of the regression on Z̃ alone. */
  baseSsr: number;
}

/**
 * A candidate may join the fixed thresholds (candidate indices) when every regime it creates holds
 * at least trimCount observations: |below(c) − below(f)| ≥ trimCount for each fixed f (the outer
 * regimes are guaranteed by the trimming), and c is not one of them.
 */
export function allowedCandidates(data: ThresholdData, fixed: number[]): Uint8Array {
  const out = new Uint8Array(data.candidates.length).fill(1);
  for (let c = 0; c < out.length; c++) {
    for (const f of fixed) {
      if (c === f || Math.abs(data.below[c]! - data.below[f]!) < data.trimCount) out[c] = 0;
    }
  }
  return out;
}

/**
 * SSR(γ) over the candidates for the within response ỹ and fixed within regressors Z̃ (see the
 * module comment). Throws SINGULAR_DESIGN when Z̃'Z̃ is singular.
 */
export function ssrCurve(
  data: ThresholdData,
  z: Float64Array[],
  y: Float64Array,
  allowed?: Uint8Array,
): SsrCurve {
  const k = z.length;
  const zInverse = invertSpd(crossProduct(z), k);
  const zy = crossProductVector(z, y);
  const h = new Float64Array(k); // (Z̃'Z̃)⁻¹ Z̃'ỹ
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) h[a]! += zInverse[a * k + b]! * zy[b]!;
  const baseSsr = dot(y, y) - dot(zy, h);

  const { order, regime, unitIndex, unitCount, candidates, below } = data;
  const unitSums = new Float64Array(data.nunits);
  const dz = new Float64Array(k);
  let dy = 0;
  let dd = 0;
  let unitSquares = 0; // Σ_i (Σ_t D_it)² / T_i
  let position = 0;
  const ssr = new Float64Array(candidates.length).fill(NaN);
  let best = -1;
  let bestSsr = Infinity;
  for (let c = 0; c < candidates.length; c++) {
    for (const end = below[c]!; position < end; position++) {
      const i = order[position]!;
      const q = regime[i]!;
      if (q === 0) continue;
      dy += q * y[i]!;
      for (let j = 0; j < k; j++) dz[j]! += q * z[j]![i]!;
      dd += q * q;
      const u = unitIndex[i]!;
      const before = unitSums[u]!;
      const after = before + q;
      unitSums[u] = after;
      unitSquares += (after * after - before * before) / unitCount[u]!;
    }
    if (allowed && !allowed[c]) continue;
    let quadratic = 0; // D'Z̃ (Z̃'Z̃)⁻¹ Z̃'D
    for (let a = 0; a < k; a++) {
      let sum = 0;
      for (let b = 0; b < k; b++) sum += zInverse[a * k + b]! * dz[b]!;
      quadratic += dz[a]! * sum;
    }
    const numerator = dy - dot(dz, h);
    const denominator = dd - unitSquares - quadratic;
    const value = denominator > 1e-12 * dd ? baseSsr - (numerator * numerator) / denominator : baseSsr;
    ssr[c] = value;
    if (value < bestSsr) {
      bestSsr = value;
      best = c;
    }
  }
  return { ssr, best, bestSsr, baseSsr };
}
