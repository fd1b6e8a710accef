/**
 * What the DGP implies for the study's estimators, on the latent scale y*:
 * - reduced form (mediators substituted out): the LQ slope β + a₁b₁ + a₂b₂, the controls' slopes;
 * - LeSage–Pace effects of LQ for the (dynamic) spatial Durbin model with W of the DGP:
 *   short run S(βI + θW), S = (I − ρW)⁻¹; long run ((1 − τ)I − (ρ + η)W)⁻¹(βI + θW)
 *   (Elhorst 2014, ch. 4); direct = mean diagonal, total = mean row sum, indirect = total − direct;
 * - mediation paths, and the mean β_i of the heterogeneity groups.
 * The static SDM is correctly specified only when τ = η = 0; otherwise its "true" ρ is not defined.
 */
import { FIN_DEV_ON_PATENTS, type DgpParameters } from './dgp.js';
import { denseWeights, invertGeneral, type SpatialWeights } from '@spillover/core';

export interface Effects {
  direct: number;
  indirect: number;
  total: number;
}

export interface ImpliedValues {
  /** Slopes of y* on LQ and the controls when the mediators are left out of the regression. */
  reducedForm: Record<string, number>;
  mediation: {
    total: number;
    direct: number;
    innovation: { mediator: string; a: number; b: number; indirect: number };
    upgrading: { mediator: string; a: number; b: number; indirect: number };
  };
  /** Effects of LQ with the reduced-form slope (regression without mediators). */
  impacts: { shortRun: Effects; longRun: Effects };
  /** Effects of LQ with the structural slope β (mediators among the regressors). */
  structuralImpacts: { shortRun: Effects; longRun: Effects };
  /** Mean reduced-form LQ slope by group: persistent engagement below/above its median, outside/inside agglomerations. */
  heterogeneity: {
    engagementLow: number;
    engagementHigh: number;
    outsideAgglomeration: number;
    insideAgglomeration: number;
  };
}

function effects(w: SpatialWeights, a: number, b: number, slope: number, theta: number): Effects {
  // M = (aI − bW)⁻¹ (slope I + θ W)
  const n = w.n;
  const dense = denseWeights(w);
  const m = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) m[k] = -b * dense[k]!;
  for (let i = 0; i < n; i++) m[i * n + i]! += a;
  const inv = invertGeneral(m, n);
  // trace and sum of inv·(slope I + θW): Σ_ik inv_ik W_ki and Σ_ik inv_ik rowsum(W)_k
  const rowSums = new Float64Array(n);
  for (let k = 0; k < n * n; k++) rowSums[Math.floor(k / n)]! += dense[k]!;
  let trace = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const v = inv[i * n + k]!;
      sum += v * (slope + theta * rowSums[k]!);
      trace += theta * v * dense[k * n + i]!;
    }
    trace += slope * inv[i * n + i]!;
  }
  const direct = trace / n;
  const total = sum / n;
  return { direct, indirect: total - direct, total };
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function impliedValues(
  p: DgpParameters,
  w: SpatialWeights,
  betaI: Float64Array,
  inAgg: number[],
  engagementLevel: Float64Array,
): ImpliedValues {
  const mediated = p.a1 * p.b1 + p.a2 * p.b2;
  const reduced = p.beta + mediated;
  const sorted = Array.from(engagementLevel).sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const group = (keep: (i: number) => boolean) =>
    mean(Array.from(betaI).filter((_, i) => keep(i))) + mediated;
  return {
    reducedForm: {
      lq: reduced,
      ln_popden: p.gamma.ln_popden,
      fiscal_share: p.gamma.fiscal_share,
      fdi_share: p.gamma.fdi_share,
      fin_dev: p.gamma.fin_dev + p.b1 * FIN_DEV_ON_PATENTS,
    },
    mediation: {
      total: reduced,
      direct: p.beta,
      innovation: { mediator: 'ln_patents', a: p.a1, b: p.b1, indirect: p.a1 * p.b1 },
      upgrading: { mediator: 'ind_upgrade', a: p.a2, b: p.b2, indirect: p.a2 * p.b2 },
    },
    impacts: {
      shortRun: effects(w, 1, p.rho, reduced, p.theta),
      longRun: effects(w, 1 - p.tau, p.rho + p.eta, reduced, p.theta),
    },
    structuralImpacts: {
      shortRun: effects(w, 1, p.rho, p.beta, p.theta),
      longRun: effects(w, 1 - p.tau, p.rho + p.eta, p.beta, p.theta),
    },
    heterogeneity: {
      engagementLow: group((i) => engagementLevel[i]! <= median),
      engagementHigh: group((i) => engagementLevel[i]! > median),
      outsideAgglomeration: group((i) => inAgg[i] === 0),
      insideAgglomeration: group((i) => inAgg[i] === 1),
    },
  };
}
