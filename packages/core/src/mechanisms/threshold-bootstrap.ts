/**
 * Hansen's (1999, section 3.1) fixed-regressor bootstrap of the threshold F tests. For the test of
 * k − 1 against k thresholds, the null model (k − 1 thresholds at their estimates) gives fitted
 * values ỹ0 and within residuals ê; a replication draws N units with replacement and gives unit i
 * the residual vector of the drawn unit, y* = ỹ0 + ê*, then repeats the sequential search up to
 * stage k and records F_k*. The bootstrap p-value is the share of F_k* above F_k. Replication r
 * draws, test after test, from createRng(seed, r). Needs a balanced panel (whole residual vectors).
 */
import { fitLeastSquares } from '../estimators/least-squares.js';
import { createRng } from '../stats/random.js';
import { drawUnits, isReplicationFailure } from './resampling.js';
import { indicatorColumn, sequentialThresholds, thresholdF } from './threshold-model.js';
import type { ThresholdData } from './threshold-search.js';
import type { ReplicationValues } from './mediation-bootstrap.js';

export interface ThresholdBootstrapPlan {
  data: ThresholdData;
  /** Fixed within regressors (regime variable, controls). */
  z: Float64Array[];
  /** Per test: fitted values and residuals of its null model. */
  nulls: { fitted: Float64Array; residuals: Float64Array }[];
  nperiods: number;
  /** n − N. */
  df: number;
}

/**
 * The null models of each test. Observations must be sorted by unit then period, every unit
 * observed in all `nperiods` periods.
 */
export function prepareThresholdBootstrap(
  data: ThresholdData,
  z: Float64Array[],
  y: Float64Array,
  nullThresholds: number[][],
  nperiods: number,
): ThresholdBootstrapPlan {
  const nulls = nullThresholds.map((fixed) => {
    const columns = [...z, ...fixed.map((c) => indicatorColumn(data, c))];
    const fit = fitLeastSquares(
      columns,
      columns.map((_, j) => `z${j}`),
      y,
    );
    return { fitted: Float64Array.from(y, (v, i) => v - fit.residuals[i]!), residuals: fit.residuals };
  });
  return { data, z, nulls, nperiods, df: data.n - data.nunits };
}

/** F_k* of every test for replications from ≤ r < to ((to − from) × tests, NaN when failed). */
export function thresholdReplications(
  plan: ThresholdBootstrapPlan,
  seed: number,
  from: number,
  to: number,
): ReplicationValues {
  const tests = plan.nulls.length;
  const { nunits } = plan.data;
  const t = plan.nperiods;
  const values = new Float64Array((to - from) * tests).fill(NaN);
  const y = new Float64Array(plan.data.n);
  let failed = 0;
  for (let r = from; r < to; r++) {
    const rng = createRng(seed, r);
    let ok = true;
    plan.nulls.forEach(({ fitted, residuals }, test) => {
      const draw = drawUnits(rng, nunits);
      for (let i = 0; i < nunits; i++) {
        const source = draw[i]! * t;
        for (let s = 0; s < t; s++) y[i * t + s] = fitted[i * t + s]! + residuals[source + s]!;
      }
      try {
        const estimate = sequentialThresholds(plan.data, plan.z, y, test + 1, false);
        const f = thresholdF(estimate.tests[test]!, plan.df);
        if (Number.isFinite(f)) values[(r - from) * tests + test] = f;
        else ok = false;
      } catch (error) {
        if (!isReplicationFailure(error)) throw error;
        ok = false;
      }
    });
    if (!ok) failed++;
  }
  return { values, failed };
}
