/**
 * The entropy-weight method for composite indices (Shannon 1948; as used for urban resilience and
 * high-quality development indices, e.g. Zhu, Li & Feng 2019) and entropy-weighted TOPSIS
 * (Hwang & Yoon 1981). Indicators are columns (`Float64Array[]`, one per indicator, each of length n).
 */
import { SpilloverError } from '@spillover/contracts';

/**
 * Min-max normalisation of one indicator:
 *   z_i = (x_i − min) / (max − min)          for a positive indicator (`+`),
 *   z_i = (max − x_i) / (max − min)          for a negative indicator (`−`),
 * then z_i + shift (shift = 0 for the plain method; the global entropy method adds 0.0001).
 * Throws INSUFFICIENT_DATA naming `label` when max = min (no variation to weigh).
 */
export function minMaxNormalise(x: Float64Array, positive: boolean, label: string, shift = 0): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) {
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `${label} has zero variance (every value is ${min}): it cannot be weighed`,
      {
        min,
        max,
      },
    );
  }
  const range = max - min;
  const z = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) z[i] = (positive ? x[i]! - min : max - x[i]!) / range + shift;
  return z;
}

export interface EntropyWeights {
  /** e_j = −(1 / ln n) Σ_i p_ij ln p_ij, p_ij = z_ij / Σ_i z_ij, with 0 · ln 0 = 0. */
  entropy: Float64Array;
  /** d_j = 1 − e_j. */
  divergence: Float64Array;
  /** w_j = d_j / Σ_k d_k. */
  weights: Float64Array;
}

/**
 * Entropy weights of normalised indicators z (non-negative columns of equal length n ≥ 2).
 * Throws INSUFFICIENT_DATA for n < 2 or when no indicator carries information (Σ d = 0).
 */
export function entropyWeights(z: Float64Array[], label = 'the sample'): EntropyWeights {
  const m = z.length;
  const n = z[0]?.length ?? 0;
  if (n < 2) {
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `${label} has ${n} observation(s); the entropy weights need at least 2`,
    );
  }
  const k = 1 / Math.log(n);
  const entropy = new Float64Array(m);
  const divergence = new Float64Array(m);
  let total = 0;
  for (let j = 0; j < m; j++) {
    const column = z[j]!;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += column[i]!;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const p = column[i]! / sum;
      if (p > 0) h += p * Math.log(p);
    }
    entropy[j] = h < 0 ? -k * h : 0;
    divergence[j] = 1 - entropy[j]!;
    total += divergence[j]!;
  }
  if (!(total > 0)) {
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `no indicator varies informatively in ${label}: every entropy is 1`,
    );
  }
  const weights = Float64Array.from(divergence, (d) => d / total);
  return { entropy, divergence, weights };
}

/** Composite score s_i = Σ_j w_j z_ij over the indicators in `members` (all when omitted). */
export function weightedSum(z: Float64Array[], weights: ArrayLike<number>, members?: number[]): Float64Array {
  const n = z[0]!.length;
  const out = new Float64Array(n);
  for (const j of members ?? z.map((_, j) => j)) {
    const column = z[j]!;
    const w = weights[j]!;
    for (let i = 0; i < n; i++) out[i] += w * column[i]!;
  }
  return out;
}

/**
 * Entropy-weighted TOPSIS closeness over the indicators in `members` (all when omitted):
 *   v_ij = w_j z_ij,  v⁺_j = max_i v_ij,  v⁻_j = min_i v_ij,
 *   D⁺_i = √Σ_j (v_ij − v⁺_j)²,  D⁻_i = √Σ_j (v_ij − v⁻_j)²,  C_i = D⁻_i / (D⁺_i + D⁻_i) ∈ [0, 1].
 * The ideal and anti-ideal points are taken over the n rows given.
 */
export function topsisCloseness(
  z: Float64Array[],
  weights: ArrayLike<number>,
  members?: number[],
): Float64Array {
  const n = z[0]!.length;
  const toIdeal = new Float64Array(n);
  const toAnti = new Float64Array(n);
  for (const j of members ?? z.map((_, j) => j)) {
    const column = z[j]!;
    const w = weights[j]!;
    let best = -Infinity;
    let worst = Infinity;
    for (let i = 0; i < n; i++) {
      const v = w * column[i]!;
      if (v > best) best = v;
      if (v < worst) worst = v;
    }
    for (let i = 0; i < n; i++) {
      const v = w * column[i]!;
      toIdeal[i] += (v - best) * (v - best);
      toAnti[i] += (v - worst) * (v - worst);
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const plus = Math.sqrt(toIdeal[i]!);
    const minus = Math.sqrt(toAnti[i]!);
    // D⁺ + D⁻ = 0 only when every weighted indicator is constant: the row is both ideal and anti-ideal
    out[i] = plus + minus > 0 ? minus / (plus + minus) : 0.5;
  }
  return out;
}
