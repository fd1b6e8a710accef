/**
 * Two-stage least squares with fixed effects (within 2SLS).
 */
import { crossProductPair, crossProduct, invertSpd } from '../linalg/dense.js';
import { EstimationError } from './errors.js';
import { assertNotAbsorbed } from './fixed-effects.js';
import { ivDiagnostics, type FirstStageTest, type IvDiagnostics } from './iv-diagnostics.js';
import { assertFullRank, fitLeastSquares } from './least-squares.js';
import { linearInference, type LinearModelFit } from './linear-model.js';
import {
  absorbedParameters,
  withinTransform,
  type FixedEffectsKind,
  type PanelStructure,
  type WithinOptions,
} from './within.js';
import type { VcovKind } from './covariance.js';

export interface IvOptions extends WithinOptions {
  effects: FixedEffectsKind;
  vcov: VcovKind;
}

export type { FirstStageTest } from './iv-diagnostics.js';

export interface IvFit extends LinearModelFit {
  /** First-stage diagnostics keyed by endogenous regressor (= diagnostics.firstStage). */
  firstStage: Record<string, FirstStageTest>;
  /** Weak- and under-identification and over-identification tests (./iv-diagnostics.ts). */
  diagnostics: IvDiagnostics;
}

/**
 * Within two-stage least squares:  y_it = α_i (+ γ_t) + x_it'β + u_it, with some regressors
 * endogenous and instrumented by excluded instruments z_it.
 * On within-transformed data (./within.ts) with Z̃ = [exogenous x̃, excluded z̃]:
 *   X̂ = P_Z X̃,  b = (X̂'X̂)⁻¹ X̂'ỹ,  u = ỹ − X̃ b (structural residuals),  σ² = u'u/df,
 *   df = n − k − absorbed,  V = σ² (X̂'X̂)⁻¹ (classical) or a sandwich with bread (X̂'X̂)⁻¹ and X̂.
 * Reference: Baltagi (2021), ch. 7; plm `plm(y ~ x | z, model = "within")`. With effects 'none' an
 * intercept `(Intercept)` is added to both X and Z.
 * @param y length n; @param x regressors as columns (the endogenous ones included), with `names`
 * @param endogenous indices into x of the endogenous regressors
 * @param instruments excluded instruments as columns, with `instrumentNames`
 * Diagnostics (first-stage F with the chosen covariance, Cragg-Donald and Kleibergen-Paap F,
 * under- and over-identification tests): ./iv-diagnostics.ts. Complexity O(n (k + L)² + (k + L)³).
 */
export function fitIvFixedEffects(
  y: Float64Array,
  x: Float64Array[],
  names: string[],
  endogenous: number[],
  instruments: Float64Array[],
  instrumentNames: string[],
  structure: PanelStructure,
  options: IvOptions,
): IvFit {
  const n = y.length;
  const { effects } = options;
  if (instruments.length < endogenous.length) {
    throw new EstimationError(
      'SINGULAR_DESIGN',
      `${endogenous.length} endogenous regressors but only ${instruments.length} excluded instruments: the equation is not identified`,
    );
  }
  const transform = (column: Float64Array, name: string): Float64Array => {
    if (effects === 'none') return column;
    const transformed = withinTransform(column, structure, effects, options);
    assertNotAbsorbed(column, transformed, name, effects);
    return transformed;
  };
  const intercept = effects === 'none' ? [new Float64Array(n).fill(1)] : [];
  const interceptNames = effects === 'none' ? ['(Intercept)'] : [];
  const yt = effects === 'none' ? y : withinTransform(y, structure, effects, options);
  const xt = [...intercept, ...x.map((column, j) => transform(column, names[j]!))];
  const xNames = [...interceptNames, ...names];
  const endogenousSet = new Set(endogenous.map((j) => j + intercept.length));
  const exogenous = xt.filter((_, j) => !endogenousSet.has(j));
  const exogenousNames = xNames.filter((_, j) => !endogenousSet.has(j));
  const zt = [...exogenous, ...instruments.map((column, j) => transform(column, instrumentNames[j]!))];
  const zNames = [...exogenousNames, ...instrumentNames];

  const absorbed = effects === 'none' ? 0 : absorbedParameters(structure, effects);
  const k = xt.length;
  const l = zt.length;
  const dfResidual = n - k - absorbed;
  if (n - l - absorbed <= 0 || dfResidual <= 0) {
    throw new EstimationError(
      'INSUFFICIENT_DATA',
      `${n} observations for ${l} instruments and ${absorbed} fixed effects`,
    );
  }
  const ztz = crossProduct(zt);
  assertFullRank(ztz, zNames);
  const ztzInverse = invertSpd(ztz, l);
  // X̂ = Z (Z'Z)⁻¹ Z'X, column by column
  const ztx = crossProductPair(zt, xt); // l×k
  const coefficients = new Float64Array(l * k);
  for (let a = 0; a < l; a++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let b = 0; b < l; b++) sum += ztzInverse[a * l + b]! * ztx[b * k + j]!;
      coefficients[a * k + j] = sum;
    }
  }
  const xHat = xt.map((_, j) => {
    const column = new Float64Array(n);
    for (let a = 0; a < l; a++) {
      const c = coefficients[a * k + j]!;
      const z = zt[a]!;
      for (let i = 0; i < n; i++) column[i]! += c * z[i]!;
    }
    return column;
  });
  const second = fitLeastSquares(xHat, xNames, yt);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let j = 0; j < k; j++) fitted += xt[j]![i]! * second.beta[j]!;
    residuals[i] = yt[i]! - fitted;
  }
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += residuals[i]! ** 2;
  const fit = linearInference({
    names: xNames,
    beta: second.beta,
    columns: xHat,
    bread: second.xtxInverse,
    residuals,
    ssr,
    dfResidual,
    absorbed,
    vcov: options.vcov,
    parametersCluster: effects === 'unit' ? k + 1 : effects === 'none' ? k : k + structure.nperiods,
    cluster: structure.unitIndex,
    nclusters: structure.nunits,
    interceptIndex: effects === 'none' ? 0 : undefined,
  });

  const diagnostics = ivDiagnostics({
    y: yt,
    x: xt,
    xNames,
    endogenous: endogenous.map((j) => j + intercept.length),
    exogenous,
    exogenousNames,
    excluded: zt.slice(exogenous.length),
    excludedNames: instrumentNames,
    residuals,
    vcov: options.vcov,
    absorbed,
    clusterExtra: effects === 'unit' ? 1 : effects === 'none' ? 0 : structure.nperiods,
    cluster: structure.unitIndex,
    nclusters: structure.nunits,
  });
  return { ...fit, firstStage: diagnostics.firstStage, diagnostics };
}
