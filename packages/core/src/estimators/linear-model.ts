/**
 * The common output of the linear panel estimators and the step that turns a least-squares fit
 * into inference (covariance, coefficient table, joint F test).
 */
import { coefficientCovariance, type VcovKind } from './covariance.js';
import { coefficientTable, waldTest, type CoefficientTable, type WaldTest } from './inference.js';

export interface LinearModelFit {
  /** Coefficient names in order (the intercept, when there is one, is `(Intercept)` and first). */
  names: string[];
  /** Coefficients (length k). */
  beta: Float64Array;
  /** Covariance of the coefficients, k×k row-major. */
  vcov: Float64Array;
  /** Estimate, se, stat and p per coefficient. */
  table: CoefficientTable;
  /** Residuals of the estimated (transformed) equation, length nobs. */
  residuals: Float64Array;
  ssr: number;
  /** SSR / dfResidual. */
  sigma2: number;
  nobs: number;
  /** nobs − coefficients − absorbed fixed effects. */
  dfResidual: number;
  /** Degrees of freedom of the t reference distribution (G − 1 for cluster); Infinity for z statistics. */
  inferenceDf: number;
  /** Parameters absorbed by fixed effects (0 without them). */
  absorbed: number;
  vcovKind: VcovKind;
  r2?: number;
  r2Adj?: number;
  r2Within?: number;
  /** Joint test that all slopes (every coefficient but the intercept) are zero. */
  fTest?: WaldTest;
}

export interface InferenceInput {
  names: string[];
  beta: Float64Array;
  /** Columns used in the covariance meat (X, transformed X, or X̂ for 2SLS). */
  columns: Float64Array[];
  bread: Float64Array;
  residuals: Float64Array;
  ssr: number;
  dfResidual: number;
  absorbed: number;
  vcov: VcovKind;
  /** Parameters counted in the cluster small-sample factor (n − 1)/(n − Kc). */
  parametersCluster: number;
  cluster?: Int32Array;
  nclusters?: number;
  /** z statistics (normal p-values) instead of t(df). */
  normal?: boolean;
  /** Index of the intercept, excluded from the joint F test. */
  interceptIndex?: number;
}

/** Covariance, coefficient table and the joint slope test for a fitted linear equation. */
export function linearInference(input: InferenceInput): Omit<LinearModelFit, 'r2' | 'r2Adj' | 'r2Within'> {
  const k = input.beta.length;
  const sigma2 = input.ssr / input.dfResidual;
  const covariance = coefficientCovariance({
    kind: input.vcov,
    columns: input.columns,
    residuals: input.residuals,
    bread: input.bread,
    sigma2,
    parametersRobust: k + input.absorbed,
    parametersCluster: input.parametersCluster,
    cluster: input.cluster,
    nclusters: input.nclusters,
  });
  const inferenceDf = input.normal ? Infinity : (covariance.clusterDf ?? input.dfResidual);
  const slopes = [...Array(k).keys()].filter((j) => j !== input.interceptIndex);
  return {
    names: input.names,
    beta: input.beta,
    vcov: covariance.vcov,
    table: coefficientTable(input.beta, covariance.vcov, inferenceDf),
    residuals: input.residuals,
    ssr: input.ssr,
    sigma2,
    nobs: input.residuals.length,
    dfResidual: input.dfResidual,
    inferenceDf,
    absorbed: input.absorbed,
    vcovKind: input.vcov,
    fTest: slopes.length > 0 ? waldTest(input.beta, covariance.vcov, slopes, inferenceDf) : undefined,
  };
}
