/**
 * Mediation analysis (kind `mediation`): the stepwise paths of Baron & Kenny (1986) with the spec's
 * fixed effects and covariance, each mediator on its own —
 *   c  (total):  y ~ t + x            a: m ~ t + x            b, c′: y ~ t + m + x
 * — the indirect effect a·b with Sobel, Aroian and Goodman tests, the proportion mediated a·b/c,
 * and a cluster bootstrap over units of a·b (percentile, BC and BCa 95 % intervals).
 * Model `sdm` (spatial Durbin outcome equations): ./mechanisms-mediation-spatial.ts.
 */
import {
  SpilloverError,
  type MediationResult,
  type MediationSpec,
  type MediatorResult,
} from '@spillover/contracts';
import { selectSample, type Panel, type PanelSample } from '../data/panel.js';
import type { LinearModelFit } from '../estimators/linear-model.js';
import {
  binnedHistogram,
  bootstrapIntervals,
  jackknifeAcceleration,
  sortedFinite,
} from '../mechanisms/bootstrap-intervals.js';
import { indirectEffect } from '../mechanisms/indirect-effect.js';
import {
  mediationJackknife,
  mediationReplications,
  prepareMediationBootstrap,
  type MediationBootstrapPlan,
} from '../mechanisms/mediation-bootstrap.js';
import {
  checkDistinctRoles,
  checkModelEffects,
  coefficientOf,
  fitPanelRegression,
} from './mechanisms-models.js';
import { spatialMediationProcedure } from './mechanisms-mediation-spatial.js';
import type { MechanismProcedure } from './mechanisms-replications.js';
import type { AnalysisInputs } from './run-analysis.js';

/** A mediation spec with a linear model (model `sdm`: ./mechanisms-mediation-spatial.ts). */
type LinearMediationSpec = MediationSpec & { model: 'ols' | 'fe' };

interface PreparedMediation {
  spec: LinearMediationSpec;
  sample: PanelSample;
  result: MediationResult;
  /** a·b per mediator (the bootstrap's θ̂). */
  indirect: number[];
  plan: MediationBootstrapPlan | null;
}

function prepare(spec: LinearMediationSpec, panel: Panel): PreparedMediation {
  checkModelEffects(spec);
  checkDistinctRoles([
    { field: 'y', column: spec.y },
    { field: 'treatment', column: spec.treatment },
    ...spec.mediators.map((column, i) => ({ field: `mediators[${i}]`, column })),
    ...spec.x.map((column, i) => ({ field: `x[${i}]`, column })),
  ]);
  const variables = [spec.y, spec.treatment, ...spec.mediators, ...spec.x];
  const fields = [
    'y',
    'treatment',
    ...spec.mediators.map((_, i) => `mediators[${i}]`),
    ...spec.x.map((_, i) => `x[${i}]`),
  ];
  const sample = selectSample(panel, variables, fields);
  const y = sample.column(spec.y);
  const treatment = sample.column(spec.treatment);
  const controls = spec.x.map((name) => sample.column(name));
  const fit = (response: Float64Array, regressors: Float64Array[], names: string[]): LinearModelFit =>
    fitPanelRegression(response, regressors, names, sample, spec);

  const total = coefficientOf(fit(y, [treatment, ...controls], [spec.treatment, ...spec.x]), spec.treatment);
  const mediators: Record<string, MediatorResult> = {};
  const indirect: number[] = [];
  for (const name of spec.mediators) {
    const mediator = sample.column(name);
    const a = coefficientOf(
      fit(mediator, [treatment, ...controls], [spec.treatment, ...spec.x]),
      spec.treatment,
    );
    const pathB = fit(y, [treatment, mediator, ...controls], [spec.treatment, name, ...spec.x]);
    const b = coefficientOf(pathB, name);
    const effect = indirectEffect(a.estimate, a.se!, b.estimate, b.se!);
    indirect.push(effect.estimate);
    mediators[name] = {
      a,
      b,
      cPrime: coefficientOf(pathB, spec.treatment),
      indirect: effect,
      proportionMediated: effect.estimate / total.estimate,
    };
  }
  const result: MediationResult = {
    kind: 'mediation',
    model: spec.model,
    effects: spec.effects,
    vcov: spec.vcov,
    nobs: y.length,
    nunits: sample.nunits,
    nperiods: sample.nperiods,
    droppedRows: sample.droppedRows,
    total,
    mediators,
  };
  if (sample.droppedRows > 0) {
    result.warnings = [`${sample.droppedRows} rows with missing values were dropped`];
  }
  const reps = spec.bootstrap?.reps ?? 0;
  const plan =
    reps > 0
      ? prepareMediationBootstrap(
          { y, treatment, mediators: spec.mediators.map((m) => sample.column(m)), controls },
          sample,
          spec.effects,
        )
      : null;
  return { spec, sample, result, indirect, plan };
}

function finish(prepared: PreparedMediation, values: Float64Array, failed: number): MediationResult {
  const { spec, result, plan } = prepared;
  const reps = spec.bootstrap?.reps ?? 0;
  if (!plan || reps === 0) return result;
  const k = spec.mediators.length;
  const jackknife = mediationJackknife(plan);
  const warnings = result.warnings ?? [];
  spec.mediators.forEach((name, m) => {
    const draws = sortedFinite(Float64Array.from({ length: reps }, (_, r) => values[r * k + m]!));
    if (draws.length < 2) {
      warnings.push(
        `${name}: only ${draws.length} of ${reps} bootstrap replications could be estimated; no bootstrap intervals`,
      );
      return;
    }
    const acceleration = jackknifeAcceleration(
      Float64Array.from({ length: plan.gram.nunits }, (_, j) => jackknife[j * k + m]!),
    );
    result.mediators[name]!.bootstrap = {
      reps,
      failed,
      ...bootstrapIntervals(draws, prepared.indirect[m]!, acceleration),
      histogram: binnedHistogram(draws),
    };
  });
  if (failed > 0) warnings.push(`${failed} of ${reps} bootstrap resamples were singular and left out`);
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/** The mediation analysis as a replication procedure (see ./mechanisms-replications.ts). */
export function mediationProcedure(
  spec: MediationSpec,
  inputs: Partial<AnalysisInputs> = {},
): MechanismProcedure<unknown, MediationResult> {
  if (spec.model === 'sdm') {
    return spatialMediationProcedure(spec, inputs) as MechanismProcedure<unknown, MediationResult>;
  }
  return linearMediationProcedure(spec as LinearMediationSpec) as MechanismProcedure<
    unknown,
    MediationResult
  >;
}

function linearMediationProcedure(
  spec: LinearMediationSpec,
): MechanismProcedure<PreparedMediation, MediationResult> {
  if (spec.weights) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `weights: model "${spec.model}" does not use weights; use model "sdm"`,
      { field: 'weights' },
    );
  }
  return {
    prepare: (panel) => prepare(spec, panel),
    replications: () => ({ reps: spec.bootstrap?.reps ?? 0, seed: spec.bootstrap?.seed ?? 1 }),
    statistics: () => spec.mediators.map((m) => `indirect:${m}`),
    replicate: (prepared, from, to) => mediationReplications(prepared.plan!, spec.bootstrap!.seed, from, to),
    finish,
  };
}
