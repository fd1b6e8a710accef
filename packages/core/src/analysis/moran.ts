/**
 * Moran's I of one variable per period (randomisation moments, one- and two-sided normal p-values),
 * pooled over the stacked panel with I_T ⊗ W, and optionally permutation p-values (seeded: period t
 * draws from stream t of the seed). Each period also carries Geary's C under randomisation. With
 * `lisa`, the local Moran I_i of one period (default the last) with HH/LL/HL/LH clusters: a unit's
 * quadrant when its p-value (conditional permutation when `lisa.permutations` is set, two-sided normal
 * otherwise) is below `alpha`, else "not significant".
 */
import { SpilloverError, type MoranResult, type MoranSpec } from '@spillover/contracts';
import type { Panel } from '../data/panel.js';
import {
  gearyTest,
  localMoran,
  localMoranPermutationP,
  moranPermutationP,
  moranTest,
  weightsMoments,
} from '../spatial/autocorrelation.js';
import { spatialLag, type SpatialWeights } from '../spatial/weights/types.js';
import { createRng } from '../stats/random.js';
import { spatialPanelData } from './spatial-inputs.js';
import type { AnalysisInputs, RunHooks } from './run-analysis.js';

export function runMoran(
  spec: MoranSpec,
  panel: Panel,
  inputs: AnalysisInputs,
  hooks: RunHooks = {},
): MoranResult {
  const data = spatialPanelData(
    panel,
    [{ name: spec.variable, field: 'variable' }],
    spec.weights,
    inputs,
    "Moran's I",
  );
  const { n, periods, w, sample } = data;
  const values = data.column(spec.variable);
  const moments = weightsMoments(w);
  const reps = spec.permutations?.reps ?? 0;
  const warnings: string[] = [];
  const byTime: MoranResult['byTime'] = [];
  const scatter: NonNullable<MoranResult['scatter']> = [];
  for (let t = 0; t < periods; t++) {
    const x = values.subarray(t * n, (t + 1) * n);
    const test = moranTest(w, x, moments);
    if (!Number.isFinite(test.z)) {
      warnings.push(`${spec.variable} is constant in period ${sample.times[t]}: Moran's I is undefined`);
    }
    const geary = gearyTest(w, x, moments);
    byTime.push({
      time: sample.times[t]!,
      I: test.statistic,
      expectation: test.expectation,
      variance: test.variance,
      z: test.z,
      p: test.p,
      pTwoSided: test.pTwoSided,
      ...(reps > 0
        ? { pPermutation: moranPermutationP(w, x, reps, createRng(spec.permutations!.seed, t)) }
        : {}),
      geary: {
        C: geary.statistic,
        expectation: geary.expectation,
        variance: geary.variance,
        z: geary.z,
        p: geary.p,
        pTwoSided: geary.pTwoSided,
      },
    });
    const points = scatterPoints(w, x);
    if (points) scatter.push({ time: sample.times[t]!, points });
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
    scatter,
  };
  if (spec.lisa) result.lisa = lisaOf(spec, w, values, sample.times, n);
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/** Local Moran of the period `spec.lisa.time` (default the last) with its clusters. */
function lisaOf(
  spec: MoranSpec,
  w: SpatialWeights,
  values: Float64Array,
  times: (number | string)[],
  n: number,
): NonNullable<MoranResult['lisa']> {
  const options = spec.lisa!;
  const t =
    options.time === undefined
      ? times.length - 1
      : times.findIndex((time) => String(time) === String(options.time));
  if (t < 0) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `lisa.time: period ${options.time} is not in the sample (${times[0]} … ${times[times.length - 1]})`,
      {
        field: 'lisa.time',
      },
    );
  }
  const x = values.subarray(t * n, (t + 1) * n);
  const reps = options.permutations ?? 0;
  // the local permutations use their own stream, after the T streams of the global ones
  const pPermutation =
    reps > 0
      ? localMoranPermutationP(
          w,
          x,
          reps,
          createRng(options.seed ?? spec.permutations?.seed ?? 1, times.length),
        )
      : undefined;
  const units = localMoran(w, x).map((l, i) => {
    const p = pPermutation ? pPermutation[i]! : l.p;
    return {
      unit: l.unit,
      I: l.I,
      expectation: l.expectation,
      variance: l.variance,
      z: l.z,
      p: l.p,
      ...(pPermutation ? { pPermutation: pPermutation[i]! } : {}),
      quadrant: l.quadrant,
      cluster: p < options.alpha ? l.quadrant : ('not significant' as const),
    };
  });
  return { time: times[t]!, alpha: options.alpha, ...(reps > 0 ? { permutations: reps } : {}), units };
}

/**
 * Points of the Moran scatter plot (Anselin 1996) of one period: z = (x − x̄)/s with s² = Σ(x − x̄)²/n,
 * against Wz; with row-standardised W the slope of Wz on z is Moran's I. Undefined for a constant x.
 */
function scatterPoints(
  w: SpatialWeights,
  x: Float64Array,
): { unit: string; z: number; wz: number }[] | undefined {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  if (!(sd > 0)) return undefined;
  const z = Float64Array.from(x, (v) => (v - mean) / sd);
  const wz = spatialLag(w, z);
  return w.ids.map((unit, i) => ({ unit, z: z[i]!, wz: wz[i]! }));
}
