/**
 * Spatial panel regressions: SAR, SEM, SAC, SDM, SDEM by maximum likelihood (splm's within "direct
 * approach") and SLX by least squares, with fixed effects none/unit/time/twoways on a balanced panel.
 *
 * Conventions (../shared/fixtures/README.md): y and X are within-transformed; W y is W applied per
 * period to the transformed y; W*x columns are built from the raw x per period and then transformed;
 * σ² = SSE/NT; logLik = −NT/2 (log 2π + 1) − NT/2 log σ² + T log|I − ρW| (+ T log|I − λW|);
 * SEs from the inverse expected information at the estimates (./../spatial/models/information.ts),
 * z statistics and normal p-values. `rho` is the lag of y, `lambda` the spatial error.
 *
 * Lee–Yu (2010) bias correction (`leeYu: true`, SAR/SDM, SDPDmod's convention): with θ = (σ², ρ, β)
 * and a = (1/(2σ²), 1/(1 − ρ), 0, …), time effects (time, twoways) give θ₁ = θ + T·I(θ)⁻¹a
 * (= θ + Σ⁻¹a/N with Σ = I/(NT)); unit effects (unit, twoways) then scale σ² by T/(T − 1); the SEs
 * are those of I(θ₁)⁻¹. logLik stays the uncorrected value.
 * SEM, SDEM and SAC use the Lee–Yu transformation approach instead (../spatial/models/design.ts): the ML
 * estimates of the model transformed by F_{T,T−1} (unit effects) and F_{N,N−1} (time effects), written
 * without the bases: unit effects alone leave λ, ρ, β unchanged and scale σ² by T/(T − 1); time effects
 * drop one eigenvalue of W from each log-determinant and take residuals net of their period means.
 * SEs come from the expected information of the transformed likelihood; logLik stays that of the
 * direct approach (as for SAR/SDM), so it stays comparable across models and effects.
 *
 * vcov `cluster` (ML models): the sandwich I⁻¹ (Σ_g s_g s_g') I⁻¹ · G/(G − 1), s_g the sum over unit
 * g's observations of the per-observation scores (see ../spatial/models/scores.ts); `robust` is the
 * same with every observation its own cluster. SLX uses the linear estimators' classical, robust
 * (HC1) or cluster (Stata) covariance.
 *
 * Numerics by size (../spatial/spectrum.ts, ../spatial/models/g-traces.ts):
 * - log|I − ρW|, tr(G), tr(G²): eigenvalues of W when W is similar to a symmetric matrix and N ≤ 250,
 *   or N ≤ 100 (general solver); otherwise a nested-dissection sparse LU of I − ρW per evaluation with
 *   Taylor-mode derivatives. Both exact to rounding (~1e-13 relative).
 * - ρ: Brent on the exact concentrated likelihood, then Newton on the exact score to its root.
 * - tr(G'G) of the information: N sparse solves (exact) up to 5,000 units; above, a Hutchinson estimate
 *   (200 probes) whose relative standard error is stated in `warnings`.
 * - impacts: point estimates exact; per draw, the traces and row sums come from Chebyshev interpolants
 *   of exact values over the range of the drawn ρ (~1e-11 relative; the eigenvalue route evaluates its
 *   sums directly).
 */
import {
  SpilloverError,
  type Impacts,
  type RegressionResult,
  type RegressionSpec,
} from '@spillover/contracts';
import { invertSpd } from '../linalg/dense.js';
import type { Panel } from '../data/panel.js';
import { normalTwoSidedP } from '../stats/distributions.js';
import { fitFixedEffects } from '../estimators/fixed-effects.js';
import { fitPooledOls } from '../estimators/pooled-ols.js';
import { EstimationError } from '../estimators/errors.js';
import type { PanelStructure } from '../estimators/within.js';
import { logDetKernel } from '../spatial/spectrum.js';
import { panelSpatialLag } from '../spatial/weights/types.js';
import {
  leeYuTransformation,
  spatialDesign,
  type MlEstimate,
  type SpatialDesign,
} from '../spatial/models/design.js';
import { rowSumsOf } from '../spatial/weights/match.js';
import { expectedInformation, informationNames } from '../spatial/models/information.js';
import { fitSpatialModel } from '../spatial/models/fit-model.js';
import { scoreSandwich } from '../spatial/models/scores.js';
import { ImpactKernel, durbinImpacts, lagImpacts, type ImpactTerm } from '../spatial/impacts.js';
import { spatialPanelData } from './spatial-inputs.js';
import { restrictionTests } from './spatial-tests.js';
import { fitDynamicSpatialRegression } from './spatial-dynamic.js';
import type { AnalysisInputs, RunHooks } from './run-analysis.js';

const SUPPORTED = ['sar', 'sem', 'sac', 'sdm', 'sdem', 'slx'] as const;
type SupportedModel = (typeof SUPPORTED)[number];

function durbinColumns(spec: RegressionSpec, model: SupportedModel): string[] {
  const durbinModel = model === 'sdm' || model === 'sdem' || model === 'slx';
  if (!durbinModel) {
    if (spec.durbin && spec.durbin.length > 0) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `durbin: W*x terms belong to the sdm, sdem and slx models, not ${model}`,
        { field: 'durbin' },
      );
    }
    return [];
  }
  const durbin = spec.durbin ?? spec.x;
  durbin.forEach((name, i) => {
    if (!spec.x.includes(name)) {
      throw new SpilloverError('INVALID_SPEC', `durbin[${i}]: "${name}" is not one of the regressors x`, {
        field: `durbin[${i}]`,
        column: name,
      });
    }
  });
  return durbin;
}

function entry(estimate: number, se: number): { estimate: number; se: number; stat: number; p: number } {
  const stat = estimate / se;
  return { estimate, se, stat, p: normalTwoSidedP(stat) };
}

function asSpilloverError(error: unknown): unknown {
  if (error instanceof EstimationError) return new SpilloverError(error.code, error.message, error.details);
  return error;
}

/**
 * Fits a spatial regression spec on a parsed panel. `inputs.weightsText` holds the weights file.
 * Throws SpilloverError: INVALID_SPEC, UNBALANCED_PANEL (listing the missing unit-periods),
 * INVALID_WEIGHTS (naming the units), SINGULAR_DESIGN, UNSUPPORTED (dynamic models).
 */
export function fitSpatialRegression(
  spec: RegressionSpec,
  panel: Panel,
  inputs: AnalysisInputs,
  hooks: RunHooks = {},
): RegressionResult {
  try {
    if (spec.model === 'dsdm' || spec.model === 'dsar') {
      return fitDynamicSpatialRegression(spec, panel, inputs, hooks);
    }
    return fit(spec, panel, inputs, hooks);
  } catch (error) {
    throw asSpilloverError(error);
  }
}

function fit(spec: RegressionSpec, panel: Panel, inputs: AnalysisInputs, hooks: RunHooks): RegressionResult {
  const model = spec.model as SupportedModel;
  if (!(SUPPORTED as readonly string[]).includes(model)) {
    throw new SpilloverError(
      'UNSUPPORTED',
      `model: ${spec.model} is not estimated by the static spatial estimators (${SUPPORTED.join(', ')})`,
      {
        field: 'model',
      },
    );
  }
  const durbin = durbinColumns(spec, model);
  const data = spatialPanelData(
    panel,
    [{ name: spec.y, field: 'y' }, ...spec.x.map((name, i) => ({ name, field: `x[${i}]` }))],
    spec.weights,
    inputs,
    `model ${model}`,
  );
  const { n, periods, w, sample } = data;
  const effects = spec.effects;
  const rawColumns = [
    ...spec.x.map((name) => data.column(name)),
    ...durbin.map((name) => panelSpatialLag(w, data.column(name))),
  ];
  const names = [...spec.x, ...durbin.map((name) => `W*${name}`)];
  const warnings: string[] = [];
  const base = {
    kind: 'regression' as const,
    model,
    effects,
    vcov: spec.vcov,
    nobs: n * periods,
    nunits: n,
    nperiods: periods,
    ...(sample.droppedRows > 0 ? { droppedRows: sample.droppedRows } : {}),
  };
  const terms: ImpactTerm[] = spec.x.map((name, j) => ({ name, beta: j, theta: names.indexOf(`W*${name}`) }));

  if (model === 'slx') {
    return fitSlx(spec, data.column(spec.y), rawColumns, names, n, periods, terms, base, warnings);
  }

  const raw: SpatialDesign = {
    w,
    logdet: logDetKernel(w),
    n,
    periods,
    y: data.column(spec.y),
    x: rawColumns,
    names,
  };
  const design = spatialDesign(raw, effects);
  if (effects === 'none') {
    terms.forEach((t) => {
      t.beta += 1;
      if (t.theta >= 0) t.theta += 1;
    });
  }
  if (design.logdet.complex) {
    warnings.push('W has complex eigenvalues: log|I − ρW| uses their moduli');
  }

  const uncorrected = fitSpatialModel(model, design);
  for (const name of uncorrected.atBound) {
    warnings.push(`${name} is at a bound of its admissible interval: estimates and SEs are unreliable`);
  }
  let est: MlEstimate = uncorrected;
  // the design whose likelihood the reported estimates maximise (Lee–Yu transformed for SEM, SDEM, SAC)
  let estimated = design;
  if (spec.leeYu) {
    if (effects === 'none') warnings.push('leeYu has no effect without fixed effects');
    else if (model === 'sar' || model === 'sdm') est = leeYuCorrection(design, uncorrected, effects);
    else {
      estimated = leeYuDesign(design, effects, spec.vcov);
      est = fitSpatialModel(model, estimated);
      for (const name of est.atBound) {
        if (!uncorrected.atBound.includes(name)) {
          warnings.push(
            `${name} (Lee-Yu) is at a bound of its admissible interval: estimates and SEs are unreliable`,
          );
        }
      }
    }
  }
  const info = expectedInformation(estimated, est, warnings);
  let vcov = invertSpd(info, info.length ** 0.5);
  if (spec.vcov !== 'classical') vcov = scoreSandwich(estimated, est, vcov, spec.vcov, sample.nunits);
  const pnames = informationNames(design, est);
  const p = pnames.length;
  const se = (name: string): number => Math.sqrt(vcov[pnames.indexOf(name) * (p + 1)]!);
  const coefficients: RegressionResult['coefficients'] = {};
  design.names.forEach((name, j) => (coefficients[name] = entry(est.beta[j]!, se(name))));

  const nspatial = (est.rho !== null ? 1 : 0) + (est.lambda !== null ? 1 : 0);
  const npar = design.x.length + nspatial + 1;
  const nobs = n * periods;
  const result: RegressionResult = {
    ...base,
    coefficients,
    ...(est.rho !== null ? { rho: entry(est.rho, se('rho')) } : {}),
    ...(est.lambda !== null ? { lambda: entry(est.lambda, se('lambda')) } : {}),
    sigma2: est.sigma2,
    logLik: uncorrected.logLik,
    aic: -2 * uncorrected.logLik + 2 * npar,
    bic: -2 * uncorrected.logLik + Math.log(nobs) * npar,
  };

  const tests = restrictionTests(spec, model, raw, design, uncorrected, est, vcov, pnames);
  if (tests) result.tests = tests;
  if (spec.impacts && model !== 'sem') {
    result.impacts = impactsOf(model, design, est, vcov, pnames, terms, spec.impacts, hooks);
  }
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

function impactsOf(
  model: SupportedModel,
  design: SpatialDesign,
  est: MlEstimate,
  vcov: Float64Array,
  pnames: string[],
  terms: ImpactTerm[],
  options: { draws: number; seed: number },
  hooks: RunHooks,
): Impacts {
  const p = pnames.length;
  const k = design.x.length;
  const b0 = p - k;
  if (model === 'sdem') {
    const v = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) v[i * k + j] = vcov[(b0 + i) * p + b0 + j]!;
    return durbinImpacts(est.beta, v, terms);
  }
  // covariance of (ρ, β)
  const idx = [pnames.indexOf('rho'), ...Array.from({ length: k }, (_, j) => b0 + j)];
  const q = idx.length;
  const v = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) v[i * q + j] = vcov[idx[i]! * p + idx[j]!]!;
  const kernel = new ImpactKernel(design.w, design.logdet);
  return lagImpacts(kernel, est.rho!, est.beta, v, terms, {
    draws: options.draws,
    seed: options.seed,
    onProgress: hooks.onProgress
      ? (done, total) => hooks.onProgress!({ stage: 'impacts', done, total, message: 'simulating impacts' })
      : undefined,
  });
}

/**
 * The Lee–Yu (2010) transformed design of `design` (../spatial/models/design.ts). Removing time effects
 * by F_{N,N−1} needs W l = l: every row of W must sum to one.
 */
function leeYuDesign(
  design: SpatialDesign,
  effects: RegressionSpec['effects'],
  vcov: RegressionSpec['vcov'],
): SpatialDesign {
  const transformation = leeYuTransformation(effects, design.n, design.periods)!;
  if (vcov === 'robust' || (vcov === 'cluster' && transformation.timeProjected)) {
    throw new SpilloverError(
      'UNSUPPORTED',
      `vcov: ${vcov} standard errors of sem, sdem and sac under the Lee-Yu transformation are available for unit effects with vcov "cluster" only (time effects mix the units); use classical`,
      { field: 'vcov' },
    );
  }
  if (transformation.timeProjected) {
    const sums = rowSumsOf(design.w);
    const bad = design.w.ids.filter((_, i) => Math.abs(sums[i]! - 1) > 1e-12);
    if (bad.length > 0) {
      throw new SpilloverError(
        'UNSUPPORTED',
        `leeYu: removing time effects by the Lee-Yu transformation needs every row of W to sum to one (weights.style "row", no islands); rows of ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ' …' : ''} do not`,
        { field: 'leeYu', units: bad.slice(0, 1000) },
      );
    }
  }
  return { ...design, leeYu: transformation };
}

/** Lee–Yu (2010) bias correction of a SAR/SDM fit, SDPDmod's convention (module comment). */
function leeYuCorrection(
  design: SpatialDesign,
  est: MlEstimate,
  effects: RegressionSpec['effects'],
): MlEstimate {
  const T = design.periods;
  let { beta, rho, sigma2 } = est;
  beta = Float64Array.from(beta);
  if (effects === 'time' || effects === 'twoways') {
    const info = expectedInformation(design, est);
    const p = 2 + beta.length;
    const inv = invertSpd(info, p);
    const a = new Float64Array(p);
    a[0] = 1 / (2 * sigma2);
    a[1] = 1 / (1 - rho!);
    const shift = new Float64Array(p);
    for (let i = 0; i < p; i++) for (let j = 0; j < 2; j++) shift[i]! += T * inv[i * p + j]! * a[j]!;
    sigma2 += shift[0]!;
    rho = rho! + shift[1]!;
    for (let j = 0; j < beta.length; j++) beta[j]! += shift[2 + j]!;
  }
  if (effects === 'unit' || effects === 'twoways') sigma2 *= T / (T - 1);
  return { ...est, beta, rho, sigma2 };
}

/** SLX: least squares with W*x columns (built from raw x, then transformed), via the linear estimators. */
function fitSlx(
  spec: RegressionSpec,
  y: Float64Array,
  columns: Float64Array[],
  names: string[],
  n: number,
  periods: number,
  terms: ImpactTerm[],
  base: Omit<RegressionResult, 'coefficients'>,
  warnings: string[],
): RegressionResult {
  const nobs = n * periods;
  const structure: PanelStructure = {
    unitIndex: Int32Array.from({ length: nobs }, (_, r) => r % n),
    timeIndex: Int32Array.from({ length: nobs }, (_, r) => Math.floor(r / n)),
    nunits: n,
    nperiods: periods,
    balanced: true,
  };
  const effects = spec.effects;
  const fitted =
    effects === 'none'
      ? fitPooledOls(y, columns, names, { vcov: spec.vcov, cluster: structure.unitIndex, nclusters: n })
      : fitFixedEffects(y, columns, names, structure, { effects, vcov: spec.vcov });
  const coefficients: RegressionResult['coefficients'] = {};
  const { table } = fitted;
  fitted.names.forEach(
    (name, j) =>
      (coefficients[name] = {
        estimate: table.estimate[j]!,
        se: table.se[j]!,
        stat: table.stat[j]!,
        p: table.p[j]!,
      }),
  );
  const offset = effects === 'none' ? 1 : 0;
  const result: RegressionResult = {
    ...base,
    coefficients,
    sigma2: fitted.sigma2,
    df: fitted.dfResidual,
    ...(fitted.r2Within !== undefined ? { r2Within: fitted.r2Within } : {}),
    ...(fitted.r2 !== undefined ? { r2: fitted.r2 } : {}),
    ...(fitted.r2Adj !== undefined ? { r2Adj: fitted.r2Adj } : {}),
  };
  if (spec.impacts) {
    const shifted = terms.map((t) => ({
      name: t.name,
      beta: t.beta + offset,
      theta: t.theta >= 0 ? t.theta + offset : -1,
    }));
    result.impacts = durbinImpacts(fitted.beta, fitted.vcov, shifted);
  }
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
