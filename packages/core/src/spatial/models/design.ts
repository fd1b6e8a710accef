import type { FixedEffects } from '@spillover/contracts';
import type { LogDetKernel } from '../spectrum.js';
import type { SpatialWeights } from '../weights/types.js';
import { demean } from '../panel-data.js';

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
  /** Set for the Lee–Yu transformation approach (below); absent for splm's direct approach. */
  leeYu?: LeeYuTransformation;
}

/**
 * The within-transformed design of raw (untransformed, period-major) data: y and every column demeaned
 * for `effects`; without effects an intercept column `(Intercept)` comes first.
 */
export function spatialDesign(raw: SpatialDesign, effects: FixedEffects): SpatialDesign {
  const { n, periods } = raw;
  const design: SpatialDesign = {
    ...raw,
    y: demean(raw.y, n, periods, effects),
    x: raw.x.map((c) => demean(c, n, periods, effects)),
    names: raw.names.slice(),
  };
  if (effects === 'none') {
    design.x.unshift(new Float64Array(n * periods).fill(1));
    design.names.unshift('(Intercept)');
  }
  return design;
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

/**
 * Lee & Yu (2010) transformation approach: unit effects removed by the orthonormal F_{T,T−1} (the T − 1
 * eigenvectors of I_T − ll'/T of eigenvalue 1), time effects by F_{N,N−1} per period. Basis-free: for a
 * row-standardised W (W l = l) the transformed model of F'-transformed data has
 *   ‖F'v‖² = ‖(I − J)v‖² (J the averaging matrix),  F'W = W*F',  |I_{N−1} − ρW*| = |I_N − ρW| / (1 − ρ),
 * so F is never formed: unit-demeaned data keep their N·T layout, residuals of a time-transformed model
 * are taken net of their period means, and the likelihood counts N*·T* observations and T* periods.
 */
export interface LeeYuTransformation {
  /** T* = T − 1 when unit effects are removed, else T. */
  periods: number;
  /** N* = N − 1 when time effects are removed, else N. */
  units: number;
  /** Time effects removed by F_{N,N−1}: residuals net of period means, log|I − ρW| − log(1 − ρ). */
  timeProjected: boolean;
}

export function leeYuTransformation(
  effects: FixedEffects,
  n: number,
  periods: number,
): LeeYuTransformation | undefined {
  if (effects === 'none') return undefined;
  const unit = effects === 'unit' || effects === 'twoways';
  const time = effects === 'time' || effects === 'twoways';
  return { periods: unit ? periods - 1 : periods, units: time ? n - 1 : n, timeProjected: time };
}

/** Observations and periods the likelihood counts: N*T* and T* (Lee–Yu) or NT and T. */
export function likelihoodSize(d: SpatialDesign): { nobs: number; periods: number } {
  return d.leeYu
    ? { nobs: d.leeYu.units * d.leeYu.periods, periods: d.leeYu.periods }
    : { nobs: d.n * d.periods, periods: d.periods };
}

/** log|I − cW|, of W* = F'WF under the Lee–Yu time transformation (log|I − cW| − log(1 − c)). */
export function logDetTerm(d: SpatialDesign, c: number): number {
  return d.leeYu?.timeProjected ? d.logdet.logDet(c) - Math.log(1 - c) : d.logdet.logDet(c);
}

/** tr(G) and tr(G²) of G = W(I − cW)⁻¹, or of G* = W*(I − cW*)⁻¹ (eigenvalue 1/(1 − c) removed). */
export function traceGTerm(d: SpatialDesign, c: number): { tr: number; tr2: number } {
  const g = d.logdet.traceG(c);
  if (!d.leeYu?.timeProjected) return g;
  const e = 1 / (1 - c);
  return { tr: g.tr - e, tr2: g.tr2 - e * e };
}

/** v net of its period means under the Lee–Yu time transformation ((I_T ⊗ (I − J_N)) v); else v. */
export function projectPeriods(d: SpatialDesign, v: Float64Array): Float64Array {
  if (!d.leeYu?.timeProjected) return v;
  const n = d.n;
  const out = new Float64Array(v.length);
  for (let o = 0; o < v.length; o += n) {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[o + i]!;
    s /= n;
    for (let i = 0; i < n; i++) out[o + i] = v[o + i]! - s;
  }
  return out;
}
