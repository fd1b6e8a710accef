/**
 * Panel threshold regression (kind `threshold`): Hansen (1999) with unit fixed effects,
 *   y_it = μ_i + β_1 q_it 1{g_it ≤ γ1} + β_2 q_it 1{γ1 < g_it ≤ γ2} + … + x_it'θ + e_it,
 * with 1, 2 or 3 thresholds estimated sequentially (../mechanisms/threshold-model.ts), LR intervals,
 * F tests with bootstrap p-values and critical values (../mechanisms/threshold-bootstrap.ts), and
 * the regime slopes `q@r1`, `q@r2`, … at the estimates treated as known.
 * Unbalanced panels are estimated (unit demeaning over each unit's periods, σ² = SSR/(n − N)); the
 * bootstrap resamples whole residual vectors of units and needs a balanced panel.
 */
import { SpilloverError, type ThresholdResult, type ThresholdSpec } from '@spillover/contracts';
import { selectSample, type Panel, type PanelSample } from '../data/panel.js';
import { withinTransform } from '../estimators/within.js';
import { fitFixedEffects } from '../estimators/fixed-effects.js';
import { sortedFinite, sortedQuantile } from '../mechanisms/bootstrap-intervals.js';
import {
  prepareThresholdBootstrap,
  thresholdReplications,
  type ThresholdBootstrapPlan,
} from '../mechanisms/threshold-bootstrap.js';
import {
  lrCriticalValue,
  lrCurve,
  lrInterval,
  sequentialThresholds,
  thresholdF,
} from '../mechanisms/threshold-model.js';
import { prepareThresholdData, type ThresholdData } from '../mechanisms/threshold-search.js';
import { checkDistinctRoles, coefficientEntries } from './mechanisms-models.js';
import type { MechanismProcedure } from './mechanisms-replications.js';

/** Bootstrap critical values reported per test: level → quantile of F*. */
const CRITICAL_LEVELS: [string, number][] = [
  ['0.10', 0.9],
  ['0.05', 0.95],
  ['0.01', 0.99],
];

interface PreparedThreshold {
  spec: ThresholdSpec;
  result: ThresholdResult;
  fStats: number[];
  plan: ThresholdBootstrapPlan | null;
}

/** Units observed in fewer periods than the sample has (for the bootstrap's message). */
function incompleteUnits(sample: PanelSample): string[] {
  const counts = new Int32Array(sample.nunits);
  for (let i = 0; i < sample.unitIndex.length; i++) counts[sample.unitIndex[i]!]!++;
  return sample.units.filter((_, u) => counts[u]! < sample.nperiods);
}

/** At most `limit` points of an LR curve, evenly spaced, always keeping the estimate. */
function thinnedCurve(
  data: ThresholdData,
  lr: Float64Array,
  estimate: number,
  limit: number,
  threshold: number,
): ThresholdResult['lrCurve'] {
  const allowed: number[] = [];
  lr.forEach((value, c) => {
    if (Number.isFinite(value)) allowed.push(c);
  });
  let keep = allowed;
  if (allowed.length > limit) {
    const picked = new Set<number>([estimate]);
    for (let j = 0; j < limit - 1; j++) {
      picked.add(allowed[Math.round((j * (allowed.length - 1)) / (limit - 2))]!);
    }
    keep = [...picked].sort((a, b) => a - b);
  }
  return keep.map((c) => ({ threshold, gamma: data.candidates[c]!, lr: lr[c]! }));
}

function prepare(spec: ThresholdSpec, panel: Panel): PreparedThreshold {
  checkDistinctRoles([
    { field: 'y', column: spec.y },
    ...spec.x.map((column, i) => ({ field: `x[${i}]`, column })),
    { field: 'regimeVariable', column: spec.regimeVariable },
  ]);
  if (spec.thresholdVariable === spec.y) {
    throw new SpilloverError('INVALID_SPEC', `thresholdVariable: "${spec.y}" is the dependent variable`, {
      field: 'thresholdVariable',
      column: spec.y,
    });
  }
  const variables = [spec.y, ...spec.x, spec.regimeVariable, spec.thresholdVariable];
  const fields = ['y', ...spec.x.map((_, i) => `x[${i}]`), 'regimeVariable', 'thresholdVariable'];
  const sample = selectSample(panel, variables, fields);
  const y = sample.column(spec.y);
  const q = sample.column(spec.regimeVariable);
  const g = sample.column(spec.thresholdVariable);
  const x = spec.x.map((name) => sample.column(name));
  const n = y.length;

  // the linear model S0 first: it names a regressor the unit effects absorb
  fitFixedEffects(y, [q, ...x], [spec.regimeVariable, ...spec.x], sample, {
    effects: 'unit',
    vcov: 'classical',
  });
  const yWithin = withinTransform(y, sample, 'unit');
  const z = [q, ...x].map((column) => withinTransform(column, sample, 'unit'));
  const data = prepareThresholdData(q, g, sample.unitIndex, sample.nunits, spec.trim, spec.grid);
  if (data.candidates.length < spec.thresholds) {
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `thresholdVariable: "${spec.thresholdVariable}" has ${data.candidates.length} distinct values after trimming`,
      {
        field: 'thresholdVariable',
        column: spec.thresholdVariable,
      },
    );
  }
  const estimate = sequentialThresholds(data, z, yWithin, spec.thresholds);
  const df = n - sample.nunits;
  const sigma2 = estimate.ssr / df;
  const fStats = estimate.tests.map((test) => thresholdF(test, df));
  const critical = lrCriticalValue(0.05);

  const lrCurvePoints: ThresholdResult['lrCurve'] = [];
  const thresholds = estimate.thresholds.map(({ candidate, curve }, position) => {
    const lr = lrCurve(curve, sigma2);
    lrCurvePoints.push(...thinnedCurve(data, lr, candidate, spec.lrCurvePoints, position + 1));
    return { estimate: data.candidates[candidate]!, ci: lrInterval(data, lr, critical) };
  });

  // regime slopes at the estimates treated as known: regime r is γ_(r−1) < g ≤ γ_(r)
  const levels = thresholds.map((t) => t.estimate);
  const regimeNames = [...levels, Infinity].map((_, r) => `${spec.regimeVariable}@r${r + 1}`);
  const regimeColumns = regimeNames.map((_, r) => {
    const lower = r === 0 ? -Infinity : levels[r - 1]!;
    const upper = r === levels.length ? Infinity : levels[r]!;
    return Float64Array.from(q, (value, i) => (g[i]! > lower && g[i]! <= upper ? value : 0));
  });
  const fit = fitFixedEffects(y, [...regimeColumns, ...x], [...regimeNames, ...spec.x], sample, {
    effects: 'unit',
    vcov: spec.vcov,
  });

  const warnings: string[] = [];
  if (sample.droppedRows > 0) warnings.push(`${sample.droppedRows} rows with missing values were dropped`);
  if (!sample.balanced) {
    warnings.push(
      'unbalanced panel: unit demeaning over the periods each unit is observed and σ² = SSR/(n − N); the bootstrap needs a balanced panel',
    );
  }
  const result: ThresholdResult = {
    kind: 'threshold',
    model: 'fe',
    effects: 'unit',
    vcov: spec.vcov,
    nobs: n,
    nunits: sample.nunits,
    nperiods: sample.nperiods,
    droppedRows: sample.droppedRows,
    thresholds,
    tests: fStats.map((F, k) => ({ hypothesis: `${k} vs ${k + 1}`, F })),
    ssr: estimate.ssr,
    sigma2,
    df: fit.dfResidual,
    coefficients: coefficientEntries(fit),
    candidates: data.candidates.length,
    lrCurve: lrCurvePoints,
    lrCritical: critical,
  };
  if (warnings.length > 0) result.warnings = warnings;

  let plan: ThresholdBootstrapPlan | null = null;
  if ((spec.bootstrap?.reps ?? 0) > 0) {
    if (!sample.balanced) {
      const units = incompleteUnits(sample);
      throw new SpilloverError(
        'UNBALANCED_PANEL',
        `bootstrap: Hansen's threshold bootstrap resamples whole units and needs a balanced panel; units missing periods: ${units.slice(0, 10).join(', ')}${units.length > 10 ? ', …' : ''} (set bootstrap.reps to 0 to estimate without it)`,
        { field: 'bootstrap', units },
      );
    }
    plan = prepareThresholdBootstrap(data, z, yWithin, estimate.nullThresholds, sample.nperiods);
  }
  return { spec, result, fStats, plan };
}

function finish(prepared: PreparedThreshold, values: Float64Array, failed: number): ThresholdResult {
  const { spec, result, fStats, plan } = prepared;
  const reps = spec.bootstrap?.reps ?? 0;
  if (!plan || reps === 0) return result;
  const k = fStats.length;
  result.tests.forEach((test, j) => {
    const draws = sortedFinite(Float64Array.from({ length: reps }, (_, r) => values[r * k + j]!));
    if (draws.length === 0) return;
    let above = 0;
    for (const f of draws) if (f > fStats[j]!) above++;
    test.p = above / draws.length;
    test.crit = Object.fromEntries(
      CRITICAL_LEVELS.map(([label, probability]) => [label, sortedQuantile(draws, probability)]),
    );
    test.reps = reps;
    test.failed = reps - draws.length;
  });
  if (failed > 0) {
    (result.warnings ??= []).push(`${failed} of ${reps} bootstrap replications failed and were left out`);
  }
  return result;
}

/** The threshold analysis as a replication procedure (see ./mechanisms-replications.ts). */
export function thresholdProcedure(
  spec: ThresholdSpec,
): MechanismProcedure<PreparedThreshold, ThresholdResult> {
  return {
    prepare: (panel) => prepare(spec, panel),
    replications: () => ({ reps: spec.bootstrap?.reps ?? 0, seed: spec.bootstrap?.seed ?? 1 }),
    statistics: (prepared) => prepared.fStats.map((_, k) => `F:${k} vs ${k + 1}`),
    replicate: (prepared, from, to) => thresholdReplications(prepared.plan!, spec.bootstrap!.seed, from, to),
    finish,
  };
}
