/**
 * Summaries of bootstrap replications θ*_1..θ*_B of a statistic θ̂ (Efron & Tibshirani 1993, ch. 13–14):
 *   se          sample standard deviation of θ* (divisor B − 1)
 *   percentile  [q(α/2), q(1 − α/2)] of θ*, q = linear-interpolation quantile (R type 7)
 *   bc          q(Φ(2 z0 + z_α/2)), q(Φ(2 z0 + z_1−α/2)),  z0 = Φ⁻¹(#{θ* < θ̂}/B + ½ #{θ* = θ̂}/B)
 *   bca         q(Φ(z0 + (z0 + z)/(1 − a (z0 + z)))) for z = z_α/2, z_1−α/2, with the acceleration
 *               a = Σ d_j³ / (6 (Σ d_j²)^{3/2}),  d_j = θ̄_(·) − θ_(j) from the jackknife
 */
import { normalCdf, normalQuantile } from '../stats/distributions.js';

export type Interval = [number, number];

/** Quantile of sorted values by linear interpolation between order statistics (R type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, probability: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, probability));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The finite values, sorted ascending. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out.push(values[i]!);
  return Float64Array.from(out).sort();
}

export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i]! - mean) ** 2;
  return Math.sqrt(sum / (n - 1));
}

/** Jackknife acceleration a from leave-one-out estimates θ_(j) (non-finite ones are skipped). */
export function jackknifeAcceleration(leaveOneOut: ArrayLike<number>): number {
  const values = Array.from(leaveOneOut).filter(Number.isFinite);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  let cubes = 0;
  let squares = 0;
  for (const v of values) {
    const d = mean - v;
    squares += d * d;
    cubes += d * d * d;
  }
  return squares > 0 ? cubes / (6 * squares ** 1.5) : 0;
}

export interface BootstrapIntervals {
  se: number;
  percentile: Interval;
  bc: Interval;
  bca: Interval;
}

/**
 * se and the percentile, bias-corrected and BCa intervals at level 1 − alpha.
 * @param sorted finite replications, ascending; @param estimate θ̂; @param acceleration a (0 gives bc = bca)
 */
export function bootstrapIntervals(
  sorted: Float64Array,
  estimate: number,
  acceleration: number,
  alpha = 0.05,
): BootstrapIntervals {
  const b = sorted.length;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < b; i++) {
    if (sorted[i]! < estimate) below++;
    else if (sorted[i]! === estimate) equal++;
  }
  // keep z0 finite when θ̂ lies outside the replications
  const share = Math.min(1 - 0.5 / b, Math.max(0.5 / b, (below + 0.5 * equal) / b));
  const z0 = normalQuantile(share);
  const zLo = normalQuantile(alpha / 2);
  const zHi = normalQuantile(1 - alpha / 2);
  const bcaLevel = (z: number): number => normalCdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
  return {
    se: standardDeviation(sorted),
    percentile: [sortedQuantile(sorted, alpha / 2), sortedQuantile(sorted, 1 - alpha / 2)],
    bc: [sortedQuantile(sorted, normalCdf(2 * z0 + zLo)), sortedQuantile(sorted, normalCdf(2 * z0 + zHi))],
    bca: [sortedQuantile(sorted, bcaLevel(zLo)), sortedQuantile(sorted, bcaLevel(zHi))],
  };
}

export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** Counts of sorted finite values in `bins` equal-width bins over [min, max] (the last bin is closed). */
export function binnedHistogram(sorted: Float64Array, bins = 40): Histogram {
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < sorted.length; i++) {
    const bin = width > 0 ? Math.floor((sorted[i]! - min) / width) : 0;
    counts[Math.min(bins - 1, bin)]!++;
  }
  return { min, max, counts };
}
