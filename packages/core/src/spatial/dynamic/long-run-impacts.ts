/**
 * Short- and long-run effects of the dynamic spatial Durbin model (Debarsy, Ertur & LeSage 2012;
 * Elhorst 2014, §4.5). Short run: S_k = (I − ρW)⁻¹(β_k I + θ_k W), summarised as in ../impacts.ts
 * (simulated SEs there). Long run:
 *   S_k = ((1 − τ)I − (ρ + η)W)⁻¹(β_k I + θ_k W) = (1 − τ)⁻¹ (I − cW)⁻¹(β_k I + θ_k W),  c = (ρ + η)/(1 − τ),
 * so direct = [β_k tr((I − cW)⁻¹) + θ_k tr((I − cW)⁻¹W)]/(N(1 − τ)) and total likewise with row sums.
 * Long-run SEs by the delta method (central differences of the exact effects) from the covariance of
 * (τ, η, ρ, β, θ): simulated SEs do not exist here, as 1/(1 − τ − ρ − η) of normal draws has no
 * finite moments (the fixtures' simulated long-run SEs change by factors 2–8 between seeds).
 */
import type { Impacts } from '@spillover/contracts';
import { normalTwoSidedP } from '../../stats/distributions.js';
import type { ImpactKernel, ImpactTerm } from '../impacts.js';

/** Parameter positions in the vector the covariance refers to (−1 when absent). */
export interface LongRunPositions {
  tau: number;
  eta: number;
  rho: number;
}

/** Long-run (direct, indirect, total) of each term at parameter vector `v`. */
function evaluate(
  kernel: ImpactKernel,
  v: ArrayLike<number>,
  at: LongRunPositions,
  terms: ImpactTerm[],
): Float64Array {
  const tau = at.tau >= 0 ? v[at.tau]! : 0;
  const eta = at.eta >= 0 ? v[at.eta]! : 0;
  const scale = 1 / (1 - tau);
  const c = (v[at.rho]! + eta) * scale;
  const diag = kernel.diagonalMeans(c);
  const rows = kernel.rowSumMeans(c);
  const out = new Float64Array(3 * terms.length);
  terms.forEach((term, q) => {
    const b = v[term.beta]!;
    const th = term.theta >= 0 ? v[term.theta]! : 0;
    const direct = scale * (b * diag.a + th * diag.aw);
    const total = scale * (b * rows.a + th * rows.aw);
    out[3 * q] = direct;
    out[3 * q + 1] = total - direct;
    out[3 * q + 2] = total;
  });
  return out;
}

/** Long-run impacts at `v` with delta-method SEs from `vcov` (p × p over v). */
export function longRunImpacts(
  kernel: ImpactKernel,
  v: Float64Array,
  vcov: Float64Array,
  at: LongRunPositions,
  terms: ImpactTerm[],
): Impacts {
  const p = v.length;
  const point = evaluate(kernel, v, at, terms);
  const used = new Set(
    [at.tau, at.eta, at.rho, ...terms.flatMap((t) => [t.beta, t.theta])].filter((i) => i >= 0),
  );
  const gradient = new Map<number, Float64Array>();
  for (const i of used) {
    const h = 1e-6 * Math.max(1, Math.abs(v[i]!));
    const up = Float64Array.from(v);
    const down = Float64Array.from(v);
    up[i]! += h;
    down[i]! -= h;
    const fu = evaluate(kernel, up, at, terms);
    const fd = evaluate(kernel, down, at, terms);
    gradient.set(
      i,
      Float64Array.from(fu, (x, q) => (x - fd[q]!) / (2 * h)),
    );
  }
  const out: Impacts = { direct: {}, indirect: {}, total: {} };
  const parts = ['direct', 'indirect', 'total'] as const;
  terms.forEach((term, k) => {
    parts.forEach((part, r) => {
      const q = 3 * k + r;
      let variance = 0;
      for (const i of used) {
        for (const j of used) variance += gradient.get(i)![q]! * vcov[i * p + j]! * gradient.get(j)![q]!;
      }
      const estimate = point[q]!;
      const se = Math.sqrt(variance);
      out[part][term.name] =
        se > 0 && Number.isFinite(se)
          ? { estimate, se, stat: estimate / se, p: normalTwoSidedP(estimate / se) }
          : { estimate };
    });
  });
  return out;
}
