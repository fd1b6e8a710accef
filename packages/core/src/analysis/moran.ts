/**
 * Moran's I of one variable per period (randomisation moments, one- and two-sided normal p-values),
 * pooled over the stacked panel with I_T ⊗ W, and optionally permutation p-values (seeded).
 */
import type { MoranResult, MoranSpec } from '@spillover/contracts';
import type { Panel } from '../data/panel.js';
import { moranPermutationP, moranTest, weightsMoments } from '../spatial/autocorrelation.js';
import { createRng } from '../stats/random.js';
import { spatialPanelData } from './spatial-inputs.js';
import type { AnalysisInputs, RunHooks } from './run-analysis.js';

export function runMoran(spec: MoranSpec, panel: Panel, inputs: AnalysisInputs, hooks: RunHooks = {}): MoranResult {
  const data = spatialPanelData(panel, [{ name: spec.variable, field: 'variable' }], spec.weights, inputs, "Moran's I");
  const { n, periods, w, sample } = data;
  const values = data.column(spec.variable);
  const moments = weightsMoments(w);
  const reps = spec.permutations?.reps ?? 0;
  const warnings: string[] = [];
  const byTime: MoranResult['byTime'] = [];
  for (let t = 0; t < periods; t++) {
    const x = values.subarray(t * n, (t + 1) * n);
    const test = moranTest(w, x, moments);
    if (!Number.isFinite(test.z)) warnings.push(`${spec.variable} is constant in period ${sample.times[t]}: Moran's I is undefined`);
    byTime.push({
      time: sample.times[t]!,
      I: test.statistic,
      expectation: test.expectation,
      variance: test.variance,
      z: test.z,
      p: test.p,
      pTwoSided: test.pTwoSided,
      ...(reps > 0 ? { pPermutation: moranPermutationP(w, x, reps, createRng(spec.permutations!.seed, t)) } : {}),
    });
    hooks.onProgress?.({ stage: 'moran', done: t + 1, total: periods });
  }
  const pooled = moranTest(w, values, moments);
  const result: MoranResult = {
    kind: 'moran',
    variable: spec.variable,
    nunits: n,
    nperiods: periods,
    byTime,
    pooled: {
      I: pooled.statistic,
      expectation: pooled.expectation,
      variance: pooled.variance,
      z: pooled.z,
      p: pooled.p,
      pTwoSided: pooled.pTwoSided,
    },
  };
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
