/**
 * Random-effects (GLS) regression with Swamy-Arora variance components.
 */
import { EstimationError } from './errors.js';
import { fitFixedEffects } from './fixed-effects.js';
import { fitLeastSquares, totalSumOfSquares } from './least-squares.js';
import { linearInference, type LinearModelFit } from './linear-model.js';
import { groupMeans, type PanelStructure } from './within.js';
import type { VcovKind } from './covariance.js';

export interface RandomEffectsFit extends LinearModelFit {
  /** σ²_ε = SSR_within/(n − N − k). */
  sigma2Idios: number;
  /** σ²_u = SSR_between/(N − k − 1) − σ²_ε/T (0 when negative, with a warning). */
  sigma2Unit: number;
  /** θ = 1 − √(σ²_ε/(σ²_ε + T σ²_u)). */
  theta: number;
  /** The classical within fit that gave σ²_ε (used by the Hausman test). */
  within: LinearModelFit;
  warnings: string[];
}

/**
 * Random-effects estimator with unit effects:  y_it = α + x_it'β + u_i + ε_it, u_i ~ (0, σ²_u).
 * Swamy & Arora (1972) components, as plm `model = "random", random.method = "swar"`:
 * σ²_ε from the within regression, σ²_1 = T·SSR_between/(N − k − 1) from the between regression
 * of unit means (with intercept); GLS by quasi-demeaning y − θȳ_i, X − θx̄_i (intercept 1 − θ),
 * then OLS on the transformed data: σ² = SSR* / (n − k − 1), z statistics (plm summary).
 * Robust: HC1 on the transformed data; cluster: G/(G − 1)(n − 1)/(n − k − 1) on the transformed data.
 * @param y length n; @param x k columns of length n; @param names the k names. Balanced panels only:
 * throws EstimationError('UNSUPPORTED') for an unbalanced sample. r2 = 1 − SSR* / TSS(y*) (plm).
 */
export function fitRandomEffects(
  y: Float64Array,
  x: Float64Array[],
  names: string[],
  structure: PanelStructure,
  options: { vcov: VcovKind },
): RandomEffectsFit {
  if (!structure.balanced) {
    throw new EstimationError(
      'UNSUPPORTED',
      'random effects (Swamy-Arora) needs a balanced panel; this sample is unbalanced (use model "fe", or drop incomplete units)',
    );
  }
  const n = y.length;
  const k = x.length;
  const N = structure.nunits;
  const T = structure.nperiods;
  if (N - k - 1 <= 0) {
    throw new EstimationError(
      'INSUFFICIENT_DATA',
      `random effects need more units (${N}) than coefficients (${k + 1}) for the between regression`,
    );
  }
  const within = fitFixedEffects(y, x, names, structure, { effects: 'unit', vcov: 'classical' });
  const sigma2Idios = within.ssr / within.dfResidual;

  const yMeans = groupMeans(y, structure.unitIndex, N);
  const xMeans = x.map((column) => groupMeans(column, structure.unitIndex, N));
  const between = fitLeastSquares(
    [new Float64Array(N).fill(1), ...xMeans],
    ['(Intercept)', ...names],
    yMeans,
  );
  const warnings: string[] = [];
  let sigma2Unit = between.ssr / (N - k - 1) - sigma2Idios / T;
  if (sigma2Unit < 0) {
    warnings.push(
      `Swamy-Arora unit variance is negative (${sigma2Unit.toPrecision(4)}); set to 0, so random effects equal pooled OLS`,
    );
    sigma2Unit = 0;
  }
  const theta = 1 - Math.sqrt(sigma2Idios / (sigma2Idios + T * sigma2Unit));

  const unit = structure.unitIndex;
  const yStar = Float64Array.from(y, (v, i) => v - theta * yMeans[unit[i]!]!);
  const columns = [
    new Float64Array(n).fill(1 - theta),
    ...x.map((column, j) => Float64Array.from(column, (v, i) => v - theta * xMeans[j]![unit[i]!]!)),
  ];
  const allNames = ['(Intercept)', ...names];
  const fit = fitLeastSquares(columns, allNames, yStar);
  const result = linearInference({
    names: allNames,
    beta: fit.beta,
    columns,
    bread: fit.xtxInverse,
    residuals: fit.residuals,
    ssr: fit.ssr,
    dfResidual: n - k - 1,
    absorbed: 0,
    vcov: options.vcov,
    parametersCluster: k + 1,
    cluster: structure.unitIndex,
    nclusters: N,
    normal: true,
    interceptIndex: 0,
  });
  const r2 = 1 - fit.ssr / totalSumOfSquares(yStar, true);
  return {
    ...result,
    r2,
    r2Adj: 1 - ((1 - r2) * (n - 1)) / (n - k - 1),
    sigma2Idios,
    sigma2Unit,
    theta,
    within,
    warnings,
  };
}
