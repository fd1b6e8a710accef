import type { LogDetKernel } from '../spectrum.js';
import type { SpatialWeights } from '../weights/types.js';

/** Within-transformed data of a spatial panel model, stacked by period (t·N + i). */
export interface SpatialDesign {
  w: SpatialWeights;
  logdet: LogDetKernel;
  /** Units N and periods T. */
  n: number;
  periods: number;
  /** Transformed y; W y is W applied per period to this (splm's direct approach). */
  y: Float64Array;
  /** Transformed regressors (W*x columns are built from raw x, then transformed). */
  x: Float64Array[];
  names: string[];
}

/** ML estimates of a spatial model; rho = lag of y, lambda = spatial error. */
export interface MlEstimate {
  beta: Float64Array;
  rho: number | null;
  lambda: number | null;
  sigma2: number;
  logLik: number;
  /** Spatial parameters that ended on a bound of their admissible interval. */
  atBound: string[];
}

/** −NT/2 (log 2π + 1) − NT/2 log σ² + T log|I − ρW| + T log|I − λW| (no df adjustment). */
export function fullLogLik(nobs: number, sigma2: number, logDetTerms: number): number {
  return (-nobs / 2) * (Math.log(2 * Math.PI) + 1) - (nobs / 2) * Math.log(sigma2) + logDetTerms;
}
