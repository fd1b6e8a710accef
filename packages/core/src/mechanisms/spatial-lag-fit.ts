/**
 * SAR / SDM panel fits for the mechanism analyses, built from the spatial estimators with the
 * conventions of ../analysis/spatial-regression.ts (splm's within "direct approach": W*x from the
 * raw x then transformed, ML by ../spatial/models/lag.ts, covariance the inverse expected
 * information or its score sandwich), keeping what the mechanisms need: the FULL covariance of
 * (σ², ρ, β, θ) and the impact kernel of W.
 *
 * LeSage-Pace effects of regressor k with S_k = (I − ρW)⁻¹(β_k I + θ_k W) (LeSage & Pace 2009, §2.7):
 *   direct = β_k d_a(ρ) + θ_k d_aw(ρ),  total = β_k t_a(ρ) + θ_k t_aw(ρ),  indirect = total − direct,
 * d = (1/N)(tr A⁻¹, tr A⁻¹W), t = (1/N)(1'A⁻¹1, 1'A⁻¹W1), A = I − ρW (../spatial/impacts.ts).
 * Delta-method SEs: g'V g with g the gradient over (ρ, β_k, θ_k) and V their block of the full
 * covariance; ∂/∂ρ of d and t by central differences of the exact functions (h = 1e-5).
 */
import type { Estimate, FixedEffects, VcovType } from '@spillover/contracts';
import { invertSpd } from '../linalg/dense.js';
import { normalTwoSidedP } from '../stats/distributions.js';
import { ImpactKernel } from '../spatial/impacts.js';
import type { MlEstimate, SpatialDesign } from '../spatial/models/design.js';
import { expectedInformation, informationNames } from '../spatial/models/information.js';
import { fitLagModel } from '../spatial/models/lag.js';
import { scoreSandwich } from '../spatial/models/scores.js';
import { demean } from '../spatial/panel-data.js';
import { logDetKernel, type LogDetKernel } from '../spatial/spectrum.js';
import { panelSpatialLag, type SpatialWeights } from '../spatial/weights/types.js';

export interface SpatialLagInput {
  w: SpatialWeights;
  /** Shared log-determinant kernel of w (computed once per W). */
  logdet?: LogDetKernel;
  periods: number;
  /** Period-major raw columns (t·N + i). */
  y: Float64Array;
  x: Float64Array[];
  names: string[];
  /** SDM: add W*x for every x. */
  durbin: boolean;
  effects: FixedEffects;
  vcov: VcovType;
}

export interface SpatialLagFit {
  est: MlEstimate & { rho: number };
  /** Coefficient names (with `(Intercept)` first without effects, `W*name` for the lags). */
  names: string[];
  /** Covariance over `parameters` (σ², ρ, coefficients). */
  vcov: Float64Array;
  parameters: string[];
  kernel: ImpactKernel;
  logdet: LogDetKernel;
  warnings: string[];
}

export interface EffectEstimates {
  direct: number;
  indirect: number;
  total: number;
}

/** Fits y on x (and W*x) with a spatial lag of y; see the module comment. */
export function fitSpatialLag(input: SpatialLagInput): SpatialLagFit {
  const { w, periods, effects } = input;
  const n = w.n;
  const raw = [...input.x, ...(input.durbin ? input.x.map((c) => panelSpatialLag(w, c)) : [])];
  const names = [...input.names, ...(input.durbin ? input.names.map((name) => `W*${name}`) : [])];
  const logdet = input.logdet ?? logDetKernel(w);
  const design: SpatialDesign = {
    w,
    logdet,
    n,
    periods,
    y: demean(input.y, n, periods, effects),
    x: raw.map((c) => demean(c, n, periods, effects)),
    names,
  };
  if (effects === 'none') {
    design.x.unshift(new Float64Array(n * periods).fill(1));
    design.names.unshift('(Intercept)');
  }
  const warnings: string[] = [];
  const est = fitLagModel(design) as MlEstimate & { rho: number };
  for (const name of est.atBound) warnings.push(`${name} is at a bound of its admissible interval`);
  const info = expectedInformation(design, est, warnings);
  const parameters = informationNames(design, est);
  let vcov = invertSpd(info, parameters.length);
  if (input.vcov !== 'classical') vcov = scoreSandwich(design, est, vcov, input.vcov, n);
  return {
    est,
    names: design.names,
    vcov,
    parameters,
    kernel: new ImpactKernel(w, logdet),
    logdet,
    warnings,
  };
}

/** Estimate, se, z and normal p. */
export function normalEstimate(estimate: number, se: number): Estimate {
  const stat = estimate / se;
  return { estimate, se, stat, p: normalTwoSidedP(stat) };
}

/** A coefficient of the fit with its z test. */
export function spatialCoefficient(fit: SpatialLagFit, name: string): Estimate {
  const j = fit.names.indexOf(name);
  const q = fit.parameters.indexOf(name);
  return normalEstimate(fit.est.beta[j]!, Math.sqrt(fit.vcov[q * fit.parameters.length + q]!));
}

/** The spatial lag parameter with its z test. */
export function spatialRho(fit: SpatialLagFit): Estimate {
  const q = fit.parameters.indexOf('rho');
  return normalEstimate(fit.est.rho, Math.sqrt(fit.vcov[q * fit.parameters.length + q]!));
}

/** Direct, indirect and total effects at (ρ, β_k, θ_k) (θ_k = 0 without a W-lag). */
export function lagEffects(kernel: ImpactKernel, rho: number, beta: number, theta: number): EffectEstimates {
  const d = kernel.diagonalMeans(rho);
  const t = kernel.rowSumMeans(rho);
  const direct = beta * d.a + theta * d.aw;
  const total = beta * t.a + theta * t.aw;
  return { direct, indirect: total - direct, total };
}

/** Positions of ρ, β_k and θ_k (−1 when absent) in the fit's parameters, and their values. */
export function effectParameters(fit: SpatialLagFit, name: string): { index: number[]; value: number[] } {
  const index = [
    fit.parameters.indexOf('rho'),
    fit.parameters.indexOf(name),
    fit.parameters.indexOf(`W*${name}`),
  ];
  const value = [
    fit.est.rho,
    fit.est.beta[fit.names.indexOf(name)]!,
    index[2]! >= 0 ? fit.est.beta[fit.names.indexOf(`W*${name}`)]! : 0,
  ];
  return { index, value };
}

/** 3×3 covariance of (ρ, β_k, θ_k) (zero row and column for an absent θ_k). */
export function effectCovariance(fit: SpatialLagFit, index: number[]): Float64Array {
  const p = fit.parameters.length;
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      out[i * 3 + j] = index[i]! >= 0 && index[j]! >= 0 ? fit.vcov[index[i]! * p + index[j]!]! : 0;
    }
  }
  return out;
}

/**
 * Effects of one regressor with their gradients over (ρ, β_k, θ_k): rows direct, indirect, total.
 */
export function effectsWithGradient(
  kernel: ImpactKernel,
  value: number[],
): { point: EffectEstimates; gradient: Float64Array } {
  const [rho, beta, theta] = value as [number, number, number];
  const point = lagEffects(kernel, rho, beta, theta);
  const h = 1e-5 * Math.max(1, Math.abs(rho));
  const up = lagEffects(kernel, rho + h, beta, theta);
  const down = lagEffects(kernel, rho - h, beta, theta);
  const d = kernel.diagonalMeans(rho);
  const t = kernel.rowSumMeans(rho);
  const gradient = new Float64Array([
    (up.direct - down.direct) / (2 * h),
    d.a,
    d.aw,
    (up.indirect - down.indirect) / (2 * h),
    t.a - d.a,
    t.aw - d.aw,
    (up.total - down.total) / (2 * h),
    t.a,
    t.aw,
  ]);
  return { point, gradient };
}

/** g'Vg for row `row` of a 3-column gradient and a 3×3 covariance. */
export function gradientVariance(gradient: Float64Array, row: number, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) sum += gradient[row * 3 + i]! * v[i * 3 + j]! * gradient[row * 3 + j]!;
  }
  return sum;
}

/** Direct, indirect and total effects of a regressor with delta-method SEs. */
export function effectsOf(
  fit: SpatialLagFit,
  name: string,
): Record<'direct' | 'indirect' | 'total', Estimate> {
  const { index, value } = effectParameters(fit, name);
  const v = effectCovariance(fit, index);
  const { point, gradient } = effectsWithGradient(fit.kernel, value);
  return {
    direct: normalEstimate(point.direct, Math.sqrt(gradientVariance(gradient, 0, v))),
    indirect: normalEstimate(point.indirect, Math.sqrt(gradientVariance(gradient, 1, v))),
    total: normalEstimate(point.total, Math.sqrt(gradientVariance(gradient, 2, v))),
  };
}
