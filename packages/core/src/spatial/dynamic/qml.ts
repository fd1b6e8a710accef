/**
 * Quasi-ML of the dynamic spatial lag model on its transformed data (Yu, de Jong & Lee 2008), the
 * lags y_{t−1}, W y_{t−1} being ordinary regressors: with e₀, e₁ the OLS residuals of y and Wy on Z,
 *   SSE(ρ) = e₀'e₀ − 2ρ e₀'e₁ + ρ² e₁'e₁,
 *   ℓ_c(ρ) = −(n t/2) log SSE(ρ) + t L(ρ),  L(ρ) = log|I − ρW| (− log(1 − ρ) after the Lee–Yu transformation),
 * maximised over W's admissible interval and polished to the root of
 *   ℓ_c'(ρ) = n t (e₀'e₁ − ρ e₁'e₁)/SSE(ρ) − t L'(ρ),  L'(ρ) = −tr(G) (+ 1/(1 − ρ)).
 * Then b = b₀ − ρ b₁ and σ² = SSE/(n t); n = design.units.
 */
import { dot } from '../../linalg/dense.js';
import { leastSquares } from '../models/ols.js';
import { maximiseWithScore } from '../optimise.js';
import type { DynamicDesign } from './design.js';

const BOUND_MARGIN = 1e-10;

/** Parameters of the dynamic model: b over the columns of Z (L.y, W*L.y, x, W*x), ρ and σ². */
export interface DynamicEstimate {
  beta: Float64Array;
  rho: number;
  sigma2: number;
}

export interface DynamicFit extends DynamicEstimate {
  /** Maximised quasi-log-likelihood of the transformed data. */
  logLik: number;
  atBound: boolean;
}

/** L(ρ) of the design: log|I − ρW|, minus log(1 − ρ) for the Lee–Yu transformed W* = F'WF. */
export function designLogDet(d: DynamicDesign, rho: number): number {
  return d.logdet.logDet(rho) - (d.timeTransformed ? Math.log(1 - rho) : 0);
}

export function fitDynamicLag(d: DynamicDesign): DynamicFit {
  const nt = d.units * d.periods;
  const t = d.periods;
  const f0 = leastSquares(d.z, d.y);
  const f1 = leastSquares(d.z, d.wy);
  const e00 = dot(f0.resid, f0.resid);
  const e01 = dot(f0.resid, f1.resid);
  const e11 = dot(f1.resid, f1.resid);
  const sse = (rho: number): number => e00 - 2 * rho * e01 + rho * rho * e11;
  const offset = (rho: number): number => (d.timeTransformed ? -Math.log(1 - rho) : 0);
  const loglik = (rho: number): number => (-nt / 2) * Math.log(sse(rho)) + t * designLogDet(d, rho);
  const coarse = (rho: number): number =>
    (-nt / 2) * Math.log(sse(rho)) + t * (d.logdet.coarseLogDet(rho) + offset(rho));
  const score = (rho: number): number =>
    (nt * (e01 - rho * e11)) / sse(rho) -
    t * (d.logdet.traceG(rho).tr - (d.timeTransformed ? 1 / (1 - rho) : 0));
  const lo = d.logdet.lower + BOUND_MARGIN * Math.abs(d.logdet.lower);
  const hi = d.logdet.upper - BOUND_MARGIN * Math.abs(d.logdet.upper);
  const { x: rho, atBound } = maximiseWithScore(loglik, score, lo, hi, coarse);
  const beta = Float64Array.from(f0.beta, (b, j) => b - rho * f1.beta[j]!);
  const sigma2 = sse(rho) / nt;
  const logLik =
    (-nt / 2) * (Math.log(2 * Math.PI) + 1) - (nt / 2) * Math.log(sigma2) + t * designLogDet(d, rho);
  return { beta, rho, sigma2, logLik, atBound };
}
