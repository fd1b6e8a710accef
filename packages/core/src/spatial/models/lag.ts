/**
 * Spatial lag model (SAR; SDM when X holds W*x columns) by concentrated maximum likelihood, splm's
 * within "direct approach": with e₀, e₁ the OLS residuals of y and Wy on X,
 *   SSE(ρ) = e₀'e₀ − 2ρ e₀'e₁ + ρ² e₁'e₁,   ℓ_c(ρ) = −(NT/2) log SSE(ρ) + T log|I − ρW|,
 * maximised over the kernel's interval ((1/λ_min, 1/λ_max), or |ρ| < 1/‖W‖_∞ on the sparse-LU route) and
 * polished by Newton's method to the exact root of
 *   ℓ_c'(ρ) = NT (e₀'e₁ − ρ e₁'e₁)/SSE(ρ) − T tr(G(ρ)).
 * Then β = b₀ − ρ b₁ and σ² = SSE/NT. Under the Lee–Yu transformation (./design.ts) NT and T become
 * N*T* and T*, Wy is taken net of its period means when time effects are transformed away, and
 * log|I − ρW| loses log(1 − ρ).
 */
import { crossProduct, dot } from '../../linalg/dense.js';
import { maximiseWithScore } from '../optimise.js';
import { panelSpatialLag } from '../weights/types.js';
import {
  fullLogLik,
  likelihoodSize,
  logDetTerm,
  projectPeriods,
  traceGTerm,
  type MlEstimate,
  type SpatialDesign,
} from './design.js';
import { leastSquares } from './ols.js';

const BOUND_MARGIN = 1e-10;

export function fitLagModel(d: SpatialDesign): MlEstimate {
  const { nobs, periods: T } = likelihoodSize(d);
  const wy = projectPeriods(d, panelSpatialLag(d.w, d.y));
  const xtx = crossProduct(d.x);
  const f0 = leastSquares(d.x, d.y, xtx);
  const f1 = leastSquares(d.x, wy, xtx);
  const e00 = dot(f0.resid, f0.resid);
  const e01 = dot(f0.resid, f1.resid);
  const e11 = dot(f1.resid, f1.resid);
  const sse = (rho: number): number => e00 - 2 * rho * e01 + rho * rho * e11;
  const loglik = (rho: number): number => (-nobs / 2) * Math.log(sse(rho)) + T * logDetTerm(d, rho);
  const score = (rho: number): number => (nobs * (e01 - rho * e11)) / sse(rho) - T * traceGTerm(d, rho).tr;
  const lo = d.logdet.lower + BOUND_MARGIN * Math.abs(d.logdet.lower);
  const hi = d.logdet.upper - BOUND_MARGIN * Math.abs(d.logdet.upper);
  const coarse = (rho: number): number => (-nobs / 2) * Math.log(sse(rho)) + T * logDetTerm(d, rho);
  // ℓ_c''(ρ) = NT (2(e₀'e₁ − ρe₁'e₁)² − e₁'e₁ SSE)/SSE² − T tr(G²), for Newton's polish
  const scoreWithSlope = (rho: number): { score: number; slope: number } => {
    const s = sse(rho);
    const r = e01 - rho * e11;
    const g = traceGTerm(d, rho);
    return { score: (nobs * r) / s - T * g.tr, slope: (nobs * (2 * r * r - e11 * s)) / (s * s) - T * g.tr2 };
  };
  const { x: rho, atBound } = maximiseWithScore(loglik, score, lo, hi, coarse, scoreWithSlope);
  const beta = Float64Array.from(f0.beta, (b, j) => b - rho * f1.beta[j]!);
  const sigma2 = sse(rho) / nobs;
  return {
    beta,
    rho,
    lambda: null,
    sigma2,
    logLik: fullLogLik(nobs, sigma2, T * logDetTerm(d, rho)),
    atBound: atBound ? ['rho'] : [],
  };
}
