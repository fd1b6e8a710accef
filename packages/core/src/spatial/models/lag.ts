/**
 * Spatial lag model (SAR; SDM when X holds W*x columns) by concentrated maximum likelihood, splm's
 * within "direct approach": with e₀, e₁ the OLS residuals of y and Wy on X,
 *   SSE(ρ) = e₀'e₀ − 2ρ e₀'e₁ + ρ² e₁'e₁,   ℓ_c(ρ) = −(NT/2) log SSE(ρ) + T log|I − ρW|,
 * maximised over (1/λ_min, 1/λ_max) and polished to the exact root of
 *   ℓ_c'(ρ) = NT (e₀'e₁ − ρ e₁'e₁)/SSE(ρ) − T tr(G(ρ)).
 * Then β = b₀ − ρ b₁ and σ² = SSE/NT.
 */
import { dot } from '../../linalg/dense.js';
import { maximiseWithScore } from '../optimise.js';
import { panelSpatialLag } from '../weights/types.js';
import { fullLogLik, type MlEstimate, type SpatialDesign } from './design.js';
import { leastSquares } from './ols.js';

const BOUND_MARGIN = 1e-10;

export function fitLagModel(d: SpatialDesign): MlEstimate {
  const nobs = d.y.length;
  const T = d.periods;
  const wy = panelSpatialLag(d.w, d.y);
  const f0 = leastSquares(d.x, d.y);
  const f1 = leastSquares(d.x, wy);
  const e00 = dot(f0.resid, f0.resid);
  const e01 = dot(f0.resid, f1.resid);
  const e11 = dot(f1.resid, f1.resid);
  const sse = (rho: number): number => e00 - 2 * rho * e01 + rho * rho * e11;
  const loglik = (rho: number): number => (-nobs / 2) * Math.log(sse(rho)) + T * d.logdet.logDet(rho);
  const score = (rho: number): number => (nobs * (e01 - rho * e11)) / sse(rho) - T * d.logdet.traceG(rho).tr;
  const lo = d.logdet.lower + BOUND_MARGIN * Math.abs(d.logdet.lower);
  const hi = d.logdet.upper - BOUND_MARGIN * Math.abs(d.logdet.upper);
  const coarse = (rho: number): number => (-nobs / 2) * Math.log(sse(rho)) + T * d.logdet.coarseLogDet(rho);
  const { x: rho, atBound } = maximiseWithScore(loglik, score, lo, hi, coarse);
  const beta = Float64Array.from(f0.beta, (b, j) => b - rho * f1.beta[j]!);
  const sigma2 = sse(rho) / nobs;
  return {
    beta,
    rho,
    lambda: null,
    sigma2,
    logLik: fullLogLik(nobs, sigma2, T * d.logdet.logDet(rho)),
    atBound: atBound ? ['rho'] : [],
  };
}
