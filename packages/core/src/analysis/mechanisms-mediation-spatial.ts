/**
 * Spatial mediation (kind `mediation`, model `sdm`): on a balanced panel with weights W,
 *   a:      m = a t + x'γ (+ fixed effects)                       (../estimators, the spec's covariance)
 *   c:      y = ρWy + c t + x'β + W(t, x)'θ                         (SDM, ./../mechanisms/spatial-lag-fit.ts)
 *   b, c′:  y = ρWy + c′ t + b m + x'β + W(t, m, x)'θ               (SDM)
 * The mediator's LeSage-Pace effects in the b-equation split the indirect effect of the treatment:
 *   spatial.direct = a·direct_b,  spatial.indirect = a·indirect_b (spillover),  spatial.total = a·total_b,
 * with first-order delta-method SEs, a and the SDM estimated separately (independent, as Sobel 1982):
 *   se² = e_b² se_a² + a² g'V g,  g the gradient of e_b over (ρ, b, θ_m), V their block of the SDM's
 * full covariance. The non-spatial fields (b, c′, a·b with Sobel, Aroian and Goodman tests, a·b/c)
 * use the SDM coefficients.
 * Bootstrap: resampling units breaks W, so `bootstrap.reps` draws a parametric (Monte Carlo) bootstrap
 * from the estimated sampling distributions, a ~ N(â, se_a²) and (ρ, b, θ_m) ~ N(φ̂, V), each
 * replication r from createRng(seed, r) (MacKinnon, Lockwood & Williams 2004; Preacher & Selig 2012,
 * "Advantages of Monte Carlo confidence intervals for indirect effects"); draws with ρ outside W's
 * admissible interval count as failed. Reported per part: SD of the draws and the 95 % percentile interval.
 */
import {
  SpilloverError,
  type MediationResult,
  type MediationSpec,
  type MediatorResult,
} from '@spillover/contracts';
import type { Panel } from '../data/panel.js';
import { choleskyDecompose } from '../linalg/dense.js';
import { indirectEffect } from '../mechanisms/indirect-effect.js';
import type { ReplicationValues } from '../mechanisms/mediation-bootstrap.js';
import {
  effectCovariance,
  effectParameters,
  effectsWithGradient,
  fitSpatialLag,
  gradientVariance,
  lagEffects,
  normalEstimate,
  spatialCoefficient,
  type SpatialLagFit,
} from '../mechanisms/spatial-lag-fit.js';
import { createRng } from '../stats/random.js';
import { checkDistinctRoles, coefficientOf, fitPanelRegression } from './mechanisms-models.js';
import type { MechanismProcedure } from './mechanisms-replications.js';
import type { AnalysisInputs } from './run-analysis.js';
import { spatialPanelData } from './spatial-inputs.js';

const PARTS = ['direct', 'indirect', 'total'] as const;

/** What a Monte Carlo replication of one mediator needs. */
interface MediatorDraws {
  a: number;
  seA: number;
  /** (ρ, b, θ_m) and the Cholesky factor of their covariance. */
  value: number[];
  factor: Float64Array;
  fit: SpatialLagFit;
}

interface PreparedSpatialMediation {
  result: MediationResult;
  draws: MediatorDraws[];
}

/** Lower Cholesky factor of a 3×3 covariance whose θ row may be zero (no W-lag). */
function covarianceFactor(v: Float64Array): Float64Array {
  const absent = v[8] === 0;
  if (!absent) return choleskyDecompose(v, 3);
  const l2 = choleskyDecompose(Float64Array.from([v[0]!, v[1]!, v[3]!, v[4]!]), 2);
  return Float64Array.from([l2[0]!, 0, 0, l2[2]!, l2[3]!, 0, 0, 0, 0]);
}

function prepare(
  spec: MediationSpec,
  panel: Panel,
  inputs: Partial<AnalysisInputs>,
): PreparedSpatialMediation {
  checkDistinctRoles([
    { field: 'y', column: spec.y },
    { field: 'treatment', column: spec.treatment },
    ...spec.mediators.map((column, i) => ({ field: `mediators[${i}]`, column })),
    ...spec.x.map((column, i) => ({ field: `x[${i}]`, column })),
  ]);
  const data = spatialPanelData(
    panel,
    [
      { name: spec.y, field: 'y' },
      { name: spec.treatment, field: 'treatment' },
      ...spec.mediators.map((name, i) => ({ name, field: `mediators[${i}]` })),
      ...spec.x.map((name, i) => ({ name, field: `x[${i}]` })),
    ],
    spec.weights,
    { panelCsv: '', ...inputs },
    'mediation with model sdm',
  );
  const { sample, w, periods } = data;
  const sdm = (regressors: string[], logdet?: SpatialLagFit['logdet']): SpatialLagFit =>
    fitSpatialLag({
      w,
      logdet,
      periods,
      y: data.column(spec.y),
      x: regressors.map((name) => data.column(name)),
      names: regressors,
      durbin: true,
      effects: spec.effects,
      vcov: spec.vcov,
    });
  const pathC = sdm([spec.treatment, ...spec.x]);
  const total = spatialCoefficient(pathC, spec.treatment);
  const warnings = [...pathC.warnings];
  const mediators: Record<string, MediatorResult> = {};
  const draws: MediatorDraws[] = [];
  for (const name of spec.mediators) {
    const pathA = fitPanelRegression(
      sample.column(name),
      [sample.column(spec.treatment), ...spec.x.map((x) => sample.column(x))],
      [spec.treatment, ...spec.x],
      sample,
      { model: spec.effects === 'none' ? 'ols' : 'fe', effects: spec.effects, vcov: spec.vcov },
    );
    const a = coefficientOf(pathA, spec.treatment);
    const pathB = sdm([spec.treatment, name, ...spec.x], pathC.logdet);
    warnings.push(...pathB.warnings);
    const b = spatialCoefficient(pathB, name);
    const effect = indirectEffect(a.estimate, a.se!, b.estimate, b.se!);
    const { index, value } = effectParameters(pathB, name);
    const v = effectCovariance(pathB, index);
    const { point, gradient } = effectsWithGradient(pathB.kernel, value);
    const spatial = Object.fromEntries(
      PARTS.map((part, row) => {
        const e = point[part];
        const variance = e * e * a.se! * a.se! + a.estimate * a.estimate * gradientVariance(gradient, row, v);
        return [part, normalEstimate(a.estimate * e, Math.sqrt(variance))];
      }),
    ) as NonNullable<MediatorResult['spatial']>;
    mediators[name] = {
      a,
      b,
      cPrime: spatialCoefficient(pathB, spec.treatment),
      indirect: effect,
      proportionMediated: effect.estimate / total.estimate,
      spatial,
    };
    draws.push({ a: a.estimate, seA: a.se!, value, factor: covarianceFactor(v), fit: pathB });
  }
  const result: MediationResult = {
    kind: 'mediation',
    model: spec.model,
    effects: spec.effects,
    vcov: spec.vcov,
    nobs: sample.rows.length,
    nunits: sample.nunits,
    nperiods: sample.nperiods,
    droppedRows: sample.droppedRows,
    total,
    mediators,
  };
  if (sample.droppedRows > 0) warnings.unshift(`${sample.droppedRows} rows with missing values were dropped`);
  if (warnings.length > 0) result.warnings = warnings;
  return { result, draws };
}

/** Replications from ≤ r < to: per mediator a*·(direct, indirect, total)(ρ*, b*, θ*). */
function replicate(
  prepared: PreparedSpatialMediation,
  seed: number,
  from: number,
  to: number,
): ReplicationValues {
  const width = 3 * prepared.draws.length;
  const values = new Float64Array((to - from) * width).fill(NaN);
  let failed = 0;
  const z = new Float64Array(3);
  for (let r = from; r < to; r++) {
    const rng = createRng(seed, r);
    let ok = true;
    const row = new Float64Array(width);
    prepared.draws.forEach((m, k) => {
      const a = m.a + m.seA * rng.normal();
      for (let i = 0; i < 3; i++) z[i] = rng.normal();
      const phi = m.value.map((v, i) => {
        let s = v;
        for (let j = 0; j <= i; j++) s += m.factor[i * 3 + j]! * z[j]!;
        return s;
      });
      const { lower, upper } = m.fit.logdet;
      if (!(phi[0]! > lower && phi[0]! < upper)) {
        ok = false;
        return;
      }
      const e = lagEffects(m.fit.kernel, phi[0]!, phi[1]!, phi[2]!);
      row[3 * k] = a * e.direct;
      row[3 * k + 1] = a * e.indirect;
      row[3 * k + 2] = a * e.total;
    });
    if (ok) values.set(row, (r - from) * width);
    else failed++;
  }
  return { values, failed };
}

function percentile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (position - lo) * (sorted[hi]! - sorted[lo]!);
}

function finish(
  spec: MediationSpec,
  prepared: PreparedSpatialMediation,
  values: Float64Array,
  failed: number,
): MediationResult {
  const reps = spec.bootstrap?.reps ?? 0;
  const { result } = prepared;
  if (reps === 0) return result;
  const width = 3 * spec.mediators.length;
  spec.mediators.forEach((name, k) => {
    PARTS.forEach((part, q) => {
      const draws = Float64Array.from({ length: reps }, (_, r) => values[r * width + 3 * k + q]!)
        .filter(Number.isFinite)
        .sort();
      if (draws.length < 2) return;
      let mean = 0;
      draws.forEach((d) => (mean += d / draws.length));
      let ss = 0;
      draws.forEach((d) => (ss += (d - mean) ** 2));
      result.mediators[name]!.spatial![part].monteCarlo = {
        reps,
        failed,
        se: Math.sqrt(ss / (draws.length - 1)),
        percentile: [percentile(draws, 0.025), percentile(draws, 0.975)],
      };
    });
  });
  if (failed > 0) {
    (result.warnings ??= []).push(
      `${failed} of ${reps} Monte Carlo draws had rho outside its admissible interval and were left out`,
    );
  }
  return result;
}

/** Spatial mediation as a replication procedure (see ./mechanisms-replications.ts). */
export function spatialMediationProcedure(
  spec: MediationSpec,
  inputs: Partial<AnalysisInputs>,
): MechanismProcedure<PreparedSpatialMediation, MediationResult> {
  if (!spec.weights) {
    throw new SpilloverError(
      'INVALID_SPEC',
      'weights: mediation with model "sdm" needs a spatial weights matrix',
      { field: 'weights' },
    );
  }
  return {
    prepare: (panel) => prepare(spec, panel, inputs),
    replications: () => ({ reps: spec.bootstrap?.reps ?? 0, seed: spec.bootstrap?.seed ?? 1 }),
    statistics: () => spec.mediators.flatMap((m) => PARTS.map((part) => `spatial.${part}:${m}`)),
    replicate: (prepared, from, to) => replicate(prepared, spec.bootstrap?.seed ?? 1, from, to),
    finish: (prepared, values, failed) => finish(spec, prepared, values, failed),
  };
}
