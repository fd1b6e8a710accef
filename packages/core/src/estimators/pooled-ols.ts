/**
 * Pooled ordinary least squares on a panel.
 */
import { EstimationError } from './errors.js';
import { fitLeastSquares, totalSumOfSquares } from './least-squares.js';
import { linearInference, type LinearModelFit } from './linear-model.js';
import type { VcovKind } from './covariance.js';

export interface PooledOlsOptions {
  vcov: VcovKind;
  /** Cluster (unit) index per observation and number of clusters, for `vcov: 'cluster'`. */
  cluster?: Int32Array;
  nclusters?: number;
}

/**
 * Pooled OLS:  y_it = α + x_it'β + u_it.
 * Reference: e.g. Wooldridge (2010), Econometric Analysis of Cross Section and Panel Data, ch. 7.
 * @param y response, length n
 * @param x k regressors as columns of length n (an intercept `(Intercept)` is added first)
 * @param names the k regressor names
 * Variance: classical σ²(X'X)⁻¹ with σ² = SSR/(n − K), K = k + 1; robust HC1; cluster by unit with
 * G/(G − 1)·(n − 1)/(n − K) (Stata `regress, vce(cluster)`), t(G − 1) p-values.
 * Returns r2 = 1 − SSR/TSS, r2Adj = 1 − (1 − r2)(n − 1)/(n − K). O(n K² + K³).
 */
export function fitPooledOls(
  y: Float64Array,
  x: Float64Array[],
  names: string[],
  options: PooledOlsOptions,
): LinearModelFit {
  const n = y.length;
  const columns = [new Float64Array(n).fill(1), ...x];
  const allNames = ['(Intercept)', ...names];
  const fit = fitLeastSquares(columns, allNames, y);
  const k = columns.length;
  const dfResidual = n - k;
  if (dfResidual <= 0) {
    throw new EstimationError('INSUFFICIENT_DATA', `${n} observations for ${k} coefficients`);
  }
  const result = linearInference({
    names: allNames,
    beta: fit.beta,
    columns,
    bread: fit.xtxInverse,
    residuals: fit.residuals,
    ssr: fit.ssr,
    dfResidual,
    absorbed: 0,
    vcov: options.vcov,
    parametersCluster: k,
    cluster: options.cluster,
    nclusters: options.nclusters,
    interceptIndex: 0,
  });
  const r2 = 1 - fit.ssr / totalSumOfSquares(y, true);
  return { ...result, r2, r2Adj: 1 - ((1 - r2) * (n - 1)) / dfResidual };
}
