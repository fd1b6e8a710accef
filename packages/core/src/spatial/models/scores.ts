/**
 * Sandwich covariance of the spatial ML estimators from per-observation scores (order σ², ρ, λ, β):
 * with ε = (I − λW)((I − ρW)y − Xβ), u = (I − ρW)y − Xβ, G = W(I − ρW)⁻¹, H = W(I − λW)⁻¹,
 *   s_σ² = −1/(2σ²) + ε²/(2σ⁴),   s_ρ = ε·((I − λW)Wy)/σ² − G_ii,
 *   s_λ = ε·(Wu)/σ² − H_ii,        s_β = ((I − λW)X)·ε/σ²
 * (each sums to the analytic score). `cluster`: V = I⁻¹(Σ_g s_g s_g')I⁻¹ · G/(G − 1), s_g the sum of
 * unit g's scores; `robust`: every observation its own cluster, no small-sample factor.
 * Under the Lee–Yu unit transformation (F_{T,T−1}, ./design.ts) unit g's T − 1 transformed observations
 * have the same sums of products as its T demeaned ones (F F' = I − J_T), so s_g is as above with the
 * constants −1/(2σ²), −G_ii, −H_ii counted T − 1 times instead of T (weighted by (T − 1)/T).
 */
import { SpilloverError } from '@spillover/contracts';
import { panelSpatialLag } from '../weights/types.js';
import { likelihoodSize, type MlEstimate, type SpatialDesign } from './design.js';
import { luIsStable } from '../sparse/lu.js';
import { gDiagonal } from './g-traces.js';
import { denseG } from './information.js';

export function scoreSandwich(
  d: SpatialDesign,
  est: MlEstimate,
  bread: Float64Array,
  kind: 'robust' | 'cluster',
  nunits: number,
): Float64Array {
  if (d.leeYu && (d.leeYu.timeProjected || kind !== 'cluster')) {
    throw new SpilloverError(
      'UNSUPPORTED',
      `vcov: ${kind} SEs under the Lee-Yu transformation exist for unit effects with cluster only`,
      { field: 'vcov' },
    );
  }
  const { n } = d;
  const nobs = d.y.length;
  const k = d.x.length;
  const rho = est.rho ?? 0;
  const lambda = est.lambda ?? 0;
  const s2 = est.sigma2;
  // share of each observation in the constants: T*/T under the Lee–Yu unit transformation, else 1
  const share = likelihoodSize(d).nobs / nobs;
  const applyB = (v: Float64Array): Float64Array => {
    if (lambda === 0) return v;
    const wv = panelSpatialLag(d.w, v);
    return Float64Array.from(v, (x, r) => x - lambda * wv[r]!);
  };
  const wy = panelSpatialLag(d.w, d.y);
  const u = Float64Array.from(d.y, (y, r) => y - rho * wy[r]!);
  for (let j = 0; j < k; j++) for (let r = 0; r < nobs; r++) u[r]! -= d.x[j]![r]! * est.beta[j]!;
  const eps = applyB(u);
  const bwy = applyB(wy);
  const wu = panelSpatialLag(d.w, u);
  const bx = d.x.map(applyB);
  const diagonalOfG = (c: number): Float64Array => {
    if (luIsStable(d.w, c)) return gDiagonal(d.w, d.logdet, c);
    const g = denseG(d.w, c);
    return Float64Array.from({ length: n }, (_, i) => g[i * n + i]!);
  };
  const gDiag = est.rho !== null ? diagonalOfG(rho) : null;
  const hDiag = est.lambda !== null ? diagonalOfG(lambda) : null;
  const p = 1 + (gDiag ? 1 : 0) + (hDiag ? 1 : 0) + k;
  const clusters = kind === 'cluster' ? nunits : nobs;
  const sums = new Float64Array(clusters * p);
  for (let r = 0; r < nobs; r++) {
    const i = r % n;
    const g = kind === 'cluster' ? i : r;
    const e = eps[r]!;
    let q = g * p;
    sums[q++]! += -share / (2 * s2) + (e * e) / (2 * s2 * s2);
    if (gDiag) sums[q++]! += (e * bwy[r]!) / s2 - share * gDiag[i]!;
    if (hDiag) sums[q++]! += (e * wu[r]!) / s2 - share * hDiag[i]!;
    for (let j = 0; j < k; j++) sums[q++]! += (bx[j]![r]! * e) / s2;
  }
  const meat = new Float64Array(p * p);
  for (let g = 0; g < clusters; g++) {
    for (let a = 0; a < p; a++) {
      const sa = sums[g * p + a]!;
      for (let b = 0; b < p; b++) meat[a * p + b]! += sa * sums[g * p + b]!;
    }
  }
  const factor = kind === 'cluster' ? clusters / (clusters - 1) : 1;
  const tmp = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += bread[a * p + b]! * meat[b * p + c]!;
      tmp[a * p + c] = s;
    }
  }
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += tmp[a * p + b]! * bread[b * p + c]!;
      out[a * p + c] = factor * s;
    }
  }
  return out;
}
