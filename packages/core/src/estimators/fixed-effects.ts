/**
 * Fixed-effects (within) regression on a panel.
 */
import { EstimationError } from './errors.js';
import { fitLeastSquares, totalSumOfSquares } from './least-squares.js';
import { linearInference, type LinearModelFit } from './linear-model.js';
import {
  absorbedParameters,
  withinTransform,
  type FixedEffectsKind,
  type PanelStructure,
  type WithinOptions,
} from './within.js';
import type { VcovKind } from './covariance.js';

/** A within sum of squares below this share of the raw one means the effects absorb the column. */
const ABSORBED_TOLERANCE = 1e-10;

export interface FixedEffectsOptions extends WithinOptions {
  effects: Exclude<FixedEffectsKind, 'none'>;
  vcov: VcovKind;
}

/** Throws SINGULAR_DESIGN when the within transformation wipes a column out. */
export function assertNotAbsorbed(
  raw: Float64Array,
  transformed: Float64Array,
  name: string,
  effects: FixedEffectsKind,
): void {
  const within = totalSumOfSquares(transformed, false);
  const total = totalSumOfSquares(raw, true);
  if (total === 0 || within <= ABSORBED_TOLERANCE * total) {
    const reason =
      total === 0
        ? 'is constant'
        : effects === 'unit'
          ? 'does not vary within units, so the unit fixed effects absorb it'
          : effects === 'time'
            ? 'does not vary across units within a period, so the time fixed effects absorb it'
            : 'is a sum of a unit and a period component, so the two-way fixed effects absorb it';
    throw new EstimationError('SINGULAR_DESIGN', `regressor "${name}" ${reason}`, { columns: [name] });
  }
}

/** The cluster small-sample count Kc: slopes + 1 (unit), slopes + (T − 1) + 1 (time, two-way). */
function clusterParameters(k: number, structure: PanelStructure, effects: FixedEffectsKind): number {
  return effects === 'unit' ? k + 1 : k + structure.nperiods;
}

/**
 * Fixed-effects (within) estimator:  y_it = α_i (+ γ_t) + x_it'β + u_it, estimated by OLS on
 * within-transformed data ỹ = Q y, X̃ = Q X (see ./within.ts).
 * Reference: Baltagi (2021), Econometric Analysis of Panel Data, 6th ed., ch. 2–3; plm `model = "within"`.
 * @param y response, length n; @param x k regressors as columns of length n; @param names their names
 * @param structure unit/time index of each observation
 * df = n − k − absorbed (absorbed = N, T or N + T − 1); σ² = SSR/df; classical σ²(X̃'X̃)⁻¹;
 * robust HC1 with n/(n − k − absorbed) (Stata `areg, vce(robust)`); cluster by unit with
 * G/(G − 1)(n − 1)/(n − Kc) (Stata `xtreg, fe vce(cluster)`) and t(G − 1).
 * r2Within = 1 − SSR/ỹ'ỹ (plm); r2 = 1 − SSR/TSS(y) (dummy-variable R²); r2Adj = 1 − (1 − r2)(n − 1)/df.
 * Complexity O(n k) for the transformation (× sweeps for unbalanced two-way) + O(n k² + k³).
 */
export function fitFixedEffects(
  y: Float64Array,
  x: Float64Array[],
  names: string[],
  structure: PanelStructure,
  options: FixedEffectsOptions,
): LinearModelFit {
  const n = y.length;
  const { effects } = options;
  const yWithin = withinTransform(y, structure, effects, options);
  const xWithin = x.map((column, j) => {
    const transformed = withinTransform(column, structure, effects, options);
    assertNotAbsorbed(column, transformed, names[j]!, effects);
    return transformed;
  });
  const absorbed = absorbedParameters(structure, effects);
  const k = x.length;
  const dfResidual = n - k - absorbed;
  if (dfResidual <= 0) {
    throw new EstimationError(
      'INSUFFICIENT_DATA',
      `${n} observations for ${k} slopes and ${absorbed} fixed effects: no residual degrees of freedom`,
      { nobs: n, coefficients: k, absorbed },
    );
  }
  const fit = fitLeastSquares(xWithin, names, yWithin);
  const result = linearInference({
    names,
    beta: fit.beta,
    columns: xWithin,
    bread: fit.xtxInverse,
    residuals: fit.residuals,
    ssr: fit.ssr,
    dfResidual,
    absorbed,
    vcov: options.vcov,
    parametersCluster: clusterParameters(k, structure, effects),
    cluster: structure.unitIndex,
    nclusters: structure.nunits,
  });
  const r2 = 1 - fit.ssr / totalSumOfSquares(y, true);
  return {
    ...result,
    r2Within: 1 - fit.ssr / totalSumOfSquares(yWithin, false),
    r2,
    r2Adj: 1 - ((1 - r2) * (n - 1)) / dfResidual,
  };
}
