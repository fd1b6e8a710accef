/**
 * Dynamic spatial panel models `dsdm` (with W*x) and `dsar` (without):
 *   y_t = τ y_{t−1} + η W y_{t−1} + ρ W y_t + X_t β + W X_t θ + μ + α_t + ε_t
 * with unit or two-way fixed effects, each lag optional (`dynamic.timeLag`, `dynamic.spaceTimeLag`).
 * Quasi-ML on periods 2..T (the first is lost to the lag); with `leeYu` the Lee–Yu transformation
 * (two-way effects) and the Yu–de Jong–Lee bias correction as SDPDmod (../spatial/dynamic/*).
 * Terms: x, W*x, L.<y>, W*L.<y>; `rho` separately. SEs: QML covariance with the non-normality
 * term, z statistics. Short-run impacts (simulated SEs) under `impacts`, long-run ones (delta-method
 * SEs) under `impactsLongRun`; `stability` reports the spectral radius of the lag operator.
 */
import {
  SpilloverError,
  type Impacts,
  type RegressionResult,
  type RegressionSpec,
} from '@spillover/contracts';
import type { Panel } from '../data/panel.js';
import { normalTwoSidedP } from '../stats/distributions.js';
import { ImpactKernel, lagImpacts, type ImpactTerm } from '../spatial/impacts.js';
import { laggedSample, type DynamicLags } from '../spatial/dynamic/design.js';
import { fitDynamicModel, type DynamicModelFit } from '../spatial/dynamic/fit.js';
import { longRunImpacts } from '../spatial/dynamic/long-run-impacts.js';
import { spatialLag, type SpatialWeights } from '../spatial/weights/types.js';
import { spatialPanelData } from './spatial-inputs.js';
import type { AnalysisInputs, RunHooks } from './run-analysis.js';

export interface DynamicRunOptions {
  /** Orthonormal basis F for the Lee–Yu two-way transformation's non-normality term (see ../spatial/dynamic/covariance.ts). */
  basis?: Float64Array;
}

function checkSpec(spec: RegressionSpec): {
  durbin: string[];
  effects: 'unit' | 'twoways';
  lags: DynamicLags;
} {
  const model = spec.model;
  if (model !== 'dsdm' && model !== 'dsar') {
    throw new SpilloverError('UNSUPPORTED', `model: ${model} is not a dynamic spatial model (dsdm, dsar)`, {
      field: 'model',
    });
  }
  if (spec.effects !== 'unit' && spec.effects !== 'twoways') {
    throw new SpilloverError(
      'UNSUPPORTED',
      `effects: ${model} is estimated with unit or twoways fixed effects, not ${spec.effects}`,
      {
        field: 'effects',
      },
    );
  }
  if (spec.vcov !== 'classical') {
    throw new SpilloverError(
      'UNSUPPORTED',
      `vcov: ${model} reports the quasi-ML covariance (classical), not ${spec.vcov}`,
      { field: 'vcov' },
    );
  }
  if (spec.instruments) {
    throw new SpilloverError('INVALID_SPEC', `instruments: ${model} takes no instruments`, {
      field: 'instruments',
    });
  }
  let durbin: string[] = [];
  if (model === 'dsar') {
    if (spec.durbin && spec.durbin.length > 0) {
      throw new SpilloverError('INVALID_SPEC', 'durbin: W*x terms belong to dsdm, not dsar', {
        field: 'durbin',
      });
    }
  } else {
    durbin = spec.durbin ?? spec.x;
    durbin.forEach((name, i) => {
      if (!spec.x.includes(name)) {
        throw new SpilloverError('INVALID_SPEC', `durbin[${i}]: "${name}" is not one of the regressors x`, {
          field: `durbin[${i}]`,
          column: name,
        });
      }
    });
  }
  const lags = { timeLag: spec.dynamic?.timeLag ?? true, spaceTimeLag: spec.dynamic?.spaceTimeLag ?? true };
  return { durbin, effects: spec.effects, lags };
}

function entry(estimate: number, se: number): { estimate: number; se: number; stat: number; p: number } {
  const stat = estimate / se;
  return { estimate, se, stat, p: normalTwoSidedP(stat) };
}

function requireRowStandardised(w: SpatialWeights): void {
  const sums = spatialLag(w, new Float64Array(w.n).fill(1));
  const bad = w.ids.filter((_, i) => Math.abs(sums[i]! - 1) > 1e-10);
  if (bad.length > 0) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `leeYu: the Lee-Yu transformation for two-way effects needs a row-standardised W (weights.style "row"); rows not summing to one: ${bad.slice(0, 20).join(', ')}`,
      { field: 'leeYu', units: bad.slice(0, 1000) },
    );
  }
}

/** Fits a dsdm/dsar spec on a parsed panel; `inputs.weightsText` holds the weights file. */
export function fitDynamicSpatialRegression(
  spec: RegressionSpec,
  panel: Panel,
  inputs: AnalysisInputs,
  hooks: RunHooks = {},
  options: DynamicRunOptions = {},
): RegressionResult {
  const { durbin, effects, lags } = checkSpec(spec);
  const model = spec.model;
  const data = spatialPanelData(
    panel,
    [{ name: spec.y, field: 'y' }, ...spec.x.map((name, i) => ({ name, field: `x[${i}]` }))],
    spec.weights,
    inputs,
    `model ${model}`,
  );
  const { w, periods: periodsIn, sample } = data;
  if (periodsIn < 3) {
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `${model} needs at least 3 periods (one is lost to the time lag); the sample has ${periodsIn}`,
      {
        field: 'time',
      },
    );
  }
  if (spec.leeYu && effects === 'twoways') requireRowStandardised(w);
  const warnings = [
    `the first period (${String(sample.times[0])}) is lost to the time lag: estimation sample ${String(sample.times[1])}–${String(sample.times[periodsIn - 1])}`,
  ];
  const times = sample.times;
  if (times.every((t) => typeof t === 'number')) {
    const gaps = new Set((times as number[]).slice(1).map((t, i) => t - (times[i] as number)));
    if (gaps.size > 1) {
      warnings.push('the periods are not equally spaced: L.y is the previous observed period');
    }
  }
  if (spec.reportUncorrected && !spec.leeYu) {
    warnings.push('reportUncorrected applies with leeYu: these estimates are uncorrected');
  }

  const lagged = laggedSample(
    w,
    periodsIn,
    spec.y,
    data.column(spec.y),
    spec.x.map((name) => ({ name, values: data.column(name) })),
    durbin,
    lags,
  );
  hooks.onProgress?.({ stage: 'estimation', done: 0, total: 1 });
  const fit = fitDynamicModel(lagged, w, {
    effects,
    leeYu: spec.leeYu,
    uncorrectedCovariance: spec.leeYu && spec.reportUncorrected === true,
    basis: options.basis,
  });
  hooks.onProgress?.({ stage: 'estimation', done: 1, total: 1 });
  const { design, estimate, vcov, stability } = fit;
  const k = design.z.length;
  const p = k + 2;
  if (fit.uncorrected.atBound) {
    warnings.push('rho is at a bound of its admissible interval: estimates and SEs are unreliable');
  }
  if (fit.removed !== undefined && fit.removed > 0) {
    warnings.push(
      `${fit.removed} eigenvalue(s) of (I − ρW)⁻¹(τI + ηW) exceed 1 − 1/n: the bias correction used the unit-root adjustment`,
    );
  }
  if (!stability.stable) {
    warnings.push(
      `explosive or unit-root estimate: spectral radius ${stability.maxModulus.toFixed(4)} ≥ 1 (τ + ρ + η = ${stability.tauPlusRhoPlusEta.toFixed(4)}); long-run effects are not reported`,
    );
  }
  if (design.logdet.complex) warnings.push('W has complex eigenvalues: log|I − ρW| uses their moduli');

  const table = (
    est: typeof estimate,
    v: Float64Array,
  ): { coefficients: RegressionResult['coefficients']; rho: ReturnType<typeof entry> } => {
    const coefficients: RegressionResult['coefficients'] = {};
    design.names.forEach((name, j) => (coefficients[name] = entry(est.beta[j]!, Math.sqrt(v[j * p + j]!))));
    return { coefficients, rho: entry(est.rho, Math.sqrt(v[k * p + k]!)) };
  };
  const main = table(estimate, vcov);
  const nobs = w.n * design.periods;
  const npar = k + 2;
  const result: RegressionResult = {
    kind: 'regression',
    model,
    effects,
    vcov: spec.vcov,
    nobs,
    nunits: w.n,
    nperiods: design.periods,
    ...(sample.droppedRows > 0 ? { droppedRows: sample.droppedRows } : {}),
    coefficients: main.coefficients,
    rho: main.rho,
    sigma2: estimate.sigma2,
    logLik: fit.uncorrected.logLik,
    aic: -2 * fit.uncorrected.logLik + 2 * npar,
    bic: -2 * fit.uncorrected.logLik + Math.log(design.units * design.periods) * npar,
    stability: { ...stability },
  };
  if (fit.uncorrectedVcov) {
    const u = table(fit.uncorrected, fit.uncorrectedVcov);
    result.uncorrected = { coefficients: u.coefficients, rho: u.rho, sigma2: fit.uncorrected.sigma2 };
  }
  if (spec.impacts) {
    const terms: ImpactTerm[] = spec.x.map((name) => ({
      name,
      beta: design.names.indexOf(name),
      theta: design.names.indexOf(`W*${name}`),
    }));
    result.impacts = shortRun(fit, terms, spec.impacts, hooks);
    if (stability.stable) result.impactsLongRun = longRun(fit, terms);
  }
  result.warnings = warnings;
  return result;
}

/** Short-run impacts, S = (I − ρW)⁻¹(βI + θW), SEs from draws of (ρ, b) with their full covariance. */
function shortRun(
  fit: DynamicModelFit,
  terms: ImpactTerm[],
  options: { draws: number; seed: number },
  hooks: RunHooks,
): Impacts {
  const { design, estimate, vcov } = fit;
  const k = design.z.length;
  const p = k + 2;
  // covariance of (ρ, b) in that order
  const idx = [k, ...Array.from({ length: k }, (_, j) => j)];
  const q = k + 1;
  const v = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) v[i * q + j] = vcov[idx[i]! * p + idx[j]!]!;
  const kernel = new ImpactKernel(design.w, fit.logdet);
  return lagImpacts(kernel, estimate.rho, estimate.beta, v, terms, {
    draws: options.draws,
    seed: options.seed,
    onProgress: hooks.onProgress
      ? (done, total) => hooks.onProgress!({ stage: 'impacts', done, total, message: 'simulating impacts' })
      : undefined,
  });
}

/** Long-run impacts ((1 − τ)I − (ρ + η)W)⁻¹(βI + θW) with delta-method SEs. */
function longRun(fit: DynamicModelFit, terms: ImpactTerm[]): Impacts {
  const { design, estimate, vcov } = fit;
  const k = design.z.length;
  const p = k + 2;
  const q = k + 1;
  const v = Float64Array.from([...estimate.beta, estimate.rho]);
  const cov = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) cov[i * q + j] = vcov[i * p + j]!;
  const kernel = new ImpactKernel(design.w, fit.logdet);
  return longRunImpacts(kernel, v, cov, { tau: design.tau, eta: design.eta, rho: k }, terms);
}
