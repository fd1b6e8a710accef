/**
 * Hansen's (1999) sequential estimation of 1, 2 or 3 thresholds of a unit fixed-effects panel,
 * the F tests of k − 1 against k thresholds and the likelihood-ratio intervals.
 *
 * Stage 1: γ1 = argmin SSR(γ) over the candidates (ties: the smallest γ).
 * Stage 2: γ1 fixed, γ2 = argmin over the candidates that leave ≥ floor(trim·n) observations
 *          between γ1 and γ2; refinement: γ2 fixed, γ1 searched again under the same rule.
 * Stage 3: the refined pair fixed, γ3 searched under the same rule (no further refinement).
 * F_k = (S_{k−1} − S_k) / (S_k / (n − N)), with S_0 the linear within model, S_1 stage 1, S_2 stage 2
 * (before refinement) and, for the third test, S_2 after refinement.
 * LR(γ) = (SSR(γ) − min SSR)/σ² on the curve each threshold was estimated from, σ² = SSR/(n − N) of
 * the final model; the 1 − α interval is [min, max] of the candidates with LR ≤ −2 ln(1 − √(1 − α)).
 */
import { groupMeans } from '../estimators/within.js';
import { EstimationError } from '../estimators/errors.js';
import { allowedCandidates, ssrCurve, type SsrCurve, type ThresholdData } from './threshold-search.js';

/** Hansen's (1999) LR critical value c(α) = −2 ln(1 − √(1 − α)). */
export function lrCriticalValue(alpha: number): number {
  return -2 * Math.log(1 - Math.sqrt(1 - alpha));
}

/** Q(q·1{g ≤ candidate}): the unit-demeaned regime regressor below a threshold. */
export function indicatorColumn(data: ThresholdData, candidate: number): Float64Array {
  const level = data.candidates[candidate]!;
  const raw = Float64Array.from(data.regime, (q, i) => (data.threshold[i]! <= level ? q : 0));
  const means = groupMeans(raw, data.unitIndex, data.nunits);
  for (let i = 0; i < raw.length; i++) raw[i]! -= means[data.unitIndex[i]!]!;
  return raw;
}

export interface EstimatedThreshold {
  /** Candidate index of the estimate. */
  candidate: number;
  /** The SSR curve its interval comes from. */
  curve: SsrCurve;
}

export interface ThresholdEstimate {
  /** Per test k = 1..count: SSR of the model with k − 1 and with k thresholds. */
  tests: { restricted: number; unrestricted: number }[];
  /** Thresholds in increasing order. */
  thresholds: EstimatedThreshold[];
  /** SSR of the final model. */
  ssr: number;
  /** Candidates of the null model of each test (test k: the k − 1 thresholds it starts from). */
  nullThresholds: number[][];
}

function search(
  data: ThresholdData,
  z: Float64Array[],
  y: Float64Array,
  fixed: number[],
  stage: number,
): SsrCurve {
  const curve = ssrCurve(
    data,
    [...z, ...fixed.map((c) => indicatorColumn(data, c))],
    y,
    fixed.length ? allowedCandidates(data, fixed) : undefined,
  );
  if (curve.best < 0) {
    throw new EstimationError(
      'INSUFFICIENT_DATA',
      `threshold ${stage}: no candidate leaves at least ${data.trimCount} observations (the trim share) in every regime; use fewer thresholds or a smaller trim`,
      { stage, trimCount: data.trimCount },
    );
  }
  return curve;
}

/**
 * Sequential estimation (see the module comment) for the within response ỹ and the fixed within
 * regressors Z̃ (regime variable and controls). `complete` false stops where the last F statistic
 * is known (the bootstrap), skipping the refinement of a final double threshold.
 */
export function sequentialThresholds(
  data: ThresholdData,
  z: Float64Array[],
  y: Float64Array,
  count: number,
  complete = true,
): ThresholdEstimate {
  const first = search(data, z, y, [], 1);
  const tests = [{ restricted: first.baseSsr, unrestricted: first.bestSsr }];
  const nullThresholds: number[][] = [[]];
  if (count === 1) {
    return {
      tests,
      thresholds: [{ candidate: first.best, curve: first }],
      ssr: first.bestSsr,
      nullThresholds,
    };
  }

  const second = search(data, z, y, [first.best], 2);
  tests.push({ restricted: first.bestSsr, unrestricted: second.bestSsr });
  nullThresholds.push([first.best]);
  if (count === 2 && !complete) return { tests, thresholds: [], ssr: second.bestSsr, nullThresholds };
  const refined = search(data, z, y, [second.best], 1);
  const pair: EstimatedThreshold[] = [
    { candidate: refined.best, curve: refined },
    { candidate: second.best, curve: second },
  ];
  if (count === 2) return { tests, thresholds: sortThresholds(pair), ssr: refined.bestSsr, nullThresholds };

  const third = search(data, z, y, [refined.best, second.best], 3);
  tests.push({ restricted: refined.bestSsr, unrestricted: third.bestSsr });
  nullThresholds.push([refined.best, second.best]);
  return {
    tests,
    thresholds: sortThresholds([...pair, { candidate: third.best, curve: third }]),
    ssr: third.bestSsr,
    nullThresholds,
  };
}

function sortThresholds(list: EstimatedThreshold[]): EstimatedThreshold[] {
  return [...list].sort((a, b) => a.candidate - b.candidate);
}

/** F = (S_restricted − S_unrestricted) / (S_unrestricted / df), df = n − N. */
export function thresholdF(test: { restricted: number; unrestricted: number }, df: number): number {
  return (test.restricted - test.unrestricted) / (test.unrestricted / df);
}

/** LR(γ) = (SSR(γ) − min SSR)/σ² over a curve (NaN where not allowed). */
export function lrCurve(curve: SsrCurve, sigma2: number): Float64Array {
  return Float64Array.from(curve.ssr, (value) => (value - curve.bestSsr) / sigma2);
}

/** [min, max] of the candidates with LR ≤ critical. */
export function lrInterval(data: ThresholdData, lr: Float64Array, critical: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  lr.forEach((value, c) => {
    if (value <= critical) {
      lo = Math.min(lo, data.candidates[c]!);
      hi = Math.max(hi, data.candidates[c]!);
    }
  });
  return [lo, hi];
}
