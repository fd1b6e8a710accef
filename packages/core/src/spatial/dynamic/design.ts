/**
 * The estimation sample of a dynamic spatial panel model
 *   y_t = τ y_{t−1} + η W y_{t−1} + ρ W y_t + X_t β + W X_t θ + μ + α_t + ε_t,   t = 2..T
 * (Yu, de Jong & Lee 2008; Lee & Yu 2010): the regressors Z_t = [y_{t−1}, W y_{t−1}, X_t, W X_t] are
 * built from the raw data (the first period is lost to the lag), then within-transformed like y_t.
 * Vectors are stacked by period (index t·N + i, units in the order of W).
 */
import { demean } from '../panel-data.js';
import type { LogDetKernel } from '../spectrum.js';
import { panelSpatialLag, type SpatialWeights } from '../weights/types.js';

/** Which lags of y enter: L.y = y_{t−1} (τ) and W*L.y = W y_{t−1} (η). */
export interface DynamicLags {
  timeLag: boolean;
  spaceTimeLag: boolean;
}

/** Raw (untransformed) estimation sample: periods 2..T of y and of the regressors Z. */
export interface LaggedSample {
  n: number;
  /** Periods left after the lag, T − 1. */
  periods: number;
  y: Float64Array;
  z: Float64Array[];
  names: string[];
  /** Positions of L.y and W*L.y in z (−1 when absent). */
  tau: number;
  eta: number;
}

/**
 * Builds the lagged sample from period-major y and x (N × T). `durbin` lists the x that get a W*x
 * column (empty for dsar). Column order: L.y, W*L.y, x…, W*x… (SDPDmod's order).
 */
export function laggedSample(
  w: SpatialWeights,
  periodsIn: number,
  yName: string,
  y: Float64Array,
  x: { name: string; values: Float64Array }[],
  durbin: string[],
  lags: DynamicLags,
): LaggedSample {
  const n = w.n;
  const periods = periodsIn - 1;
  const current = (v: Float64Array): Float64Array => v.slice(n);
  const names: string[] = [];
  const z: Float64Array[] = [];
  let tau = -1;
  let eta = -1;
  const yLag = y.slice(0, n * periods);
  if (lags.timeLag) {
    tau = z.length;
    z.push(yLag);
    names.push(`L.${yName}`);
  }
  if (lags.spaceTimeLag) {
    eta = z.length;
    z.push(panelSpatialLag(w, yLag));
    names.push(`W*L.${yName}`);
  }
  for (const c of x) {
    z.push(current(c.values));
    names.push(c.name);
  }
  for (const name of durbin) {
    z.push(current(panelSpatialLag(w, x.find((c) => c.name === name)!.values)));
    names.push(`W*${name}`);
  }
  return { n, periods, y: current(y), z, names, tau, eta };
}

/** Within-transformed data of a dynamic spatial lag model, ready for quasi-ML. */
export interface DynamicDesign {
  w: SpatialWeights;
  logdet: LogDetKernel;
  n: number;
  periods: number;
  /**
   * Cross-section size of the likelihood: N, or N − 1 after the Lee–Yu time transformation, which
   * maps each period by an orthonormal F (N × (N − 1), FF' = P = I − 11'/N) onto N − 1 coordinates.
   */
  units: number;
  /** Two-way effects removed by F (Lee & Yu 2010): W* = F'WF, log|I − ρW*| = log|I − ρW| − log(1 − ρ). */
  timeTransformed: boolean;
  y: Float64Array;
  /** W y on the transformed y (splm's convention); with the Lee–Yu transformation, P W y (= F'W F F'y in N coordinates). */
  wy: Float64Array;
  z: Float64Array[];
  names: string[];
  tau: number;
  eta: number;
}

/**
 * Unit effects: demeaning over time. Two-way effects: two-way demeaning; with `leeYu` the time
 * effects are removed by F instead, which in N coordinates is the same two-way demeaning plus a
 * cross-sectional demeaning of W y, with N − 1 units in the likelihood (requires W1 = 1).
 */
export function dynamicDesign(
  s: LaggedSample,
  w: SpatialWeights,
  logdet: LogDetKernel,
  effects: 'unit' | 'twoways',
  leeYu: boolean,
): DynamicDesign {
  const { n, periods } = s;
  const y = demean(s.y, n, periods, effects);
  const z = s.z.map((c) => demean(c, n, periods, effects));
  const wy = panelSpatialLag(w, y);
  const timeTransformed = effects === 'twoways' && leeYu;
  if (timeTransformed) removePeriodMeans(wy, n);
  return {
    w,
    logdet,
    n,
    periods,
    units: timeTransformed ? n - 1 : n,
    timeTransformed,
    y,
    wy,
    z,
    names: s.names,
    tau: s.tau,
    eta: s.eta,
  };
}

/** Subtracts each period's cross-sectional mean in place (P applied per period). */
export function removePeriodMeans(v: Float64Array, n: number): void {
  for (let o = 0; o < v.length; o += n) {
    let m = 0;
    for (let i = 0; i < n; i++) m += v[o + i]!;
    m /= n;
    for (let i = 0; i < n; i++) v[o + i]! -= m;
  }
}
