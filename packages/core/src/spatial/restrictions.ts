/**
 * Tests of restrictions between nested spatial models (Elhorst 2014, ch. 2-3; LeSage & Pace 2009, ch. 6).
 *
 * Wald: for restrictions g(θ) = 0 with Jacobian J = ∂g/∂θ', W = g' (J V J')⁻¹ g ~ χ²(q), V the full
 * covariance of the estimates (the delta method for non-linear g).
 * LR: 2(ℓ_unrestricted − ℓ_restricted) ~ χ²(df), df = number of restrictions.
 *
 * Restrictions of the SDM y = ρWy + Xβ + WXθ + ε:
 *   SAR   θ = 0                        (g_k = θ_k,           J: 1 at θ_k);
 *   SEM   θ = −ρβ (common factor)      (g_k = θ_k + ρβ_k,    J: β_k at ρ, ρ at β_k, 1 at θ_k),
 * since with θ = −ρβ the SDM is (I − ρW)y = (I − ρW)Xβ + ε, the SEM with λ = ρ.
 */
import type { TestStatistic } from '@spillover/contracts';
import { SpilloverError } from '@spillover/contracts';
import { invertSpd } from '../linalg/dense.js';
import { chiSquareSf } from '../stats/distributions.js';

/** Wald statistic of g(θ) = 0 with the q × p Jacobian `jacobian` (row-major) and the p × p covariance. */
export function waldTest(
  g: ArrayLike<number>,
  jacobian: Float64Array,
  vcov: Float64Array,
  p: number,
): TestStatistic {
  const q = g.length;
  // J V J'
  const jv = new Float64Array(q * p);
  for (let a = 0; a < q; a++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += jacobian[a * p + b]! * vcov[b * p + c]!;
      jv[a * p + c] = s;
    }
  }
  const m = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let c = 0; c < q; c++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += jv[a * p + b]! * jacobian[c * p + b]!;
      m[a * q + c] = s;
    }
  }
  const inv = invertSpd(m, q);
  let stat = 0;
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) stat += g[a]! * inv[a * q + c]! * g[c]!;
  return { stat, df: q, p: chiSquareSf(stat, q) };
}

/** LR = 2(ℓ_u − ℓ_r) against χ²(df). */
export function lrTest(logLikUnrestricted: number, logLikRestricted: number, df: number): TestStatistic {
  const stat = 2 * (logLikUnrestricted - logLikRestricted);
  return { stat, df, p: chiSquareSf(Math.max(stat, 0), df) };
}

/** Positions of the SDM parameters a restriction involves, in the covariance's parameter order. */
export interface DurbinPositions {
  rho: number;
  /** Per W*x term: the position of its x coefficient β_k and of θ_k. */
  terms: { beta: number; theta: number }[];
}

/** Wald test of θ = 0 (SDM against SAR). */
export function sdmVsSarWald(
  estimates: ArrayLike<number>,
  vcov: Float64Array,
  at: DurbinPositions,
): TestStatistic {
  const p = estimates.length;
  const q = at.terms.length;
  const g = new Float64Array(q);
  const jacobian = new Float64Array(q * p);
  at.terms.forEach((t, k) => {
    g[k] = estimates[t.theta]!;
    jacobian[k * p + t.theta] = 1;
  });
  return waldTest(g, jacobian, vcov, p);
}

/** Wald test of the common factor restriction θ = −ρβ (SDM against SEM), by the delta method. */
export function sdmVsSemWald(
  estimates: ArrayLike<number>,
  vcov: Float64Array,
  at: DurbinPositions,
): TestStatistic {
  const p = estimates.length;
  const q = at.terms.length;
  const rho = estimates[at.rho]!;
  const g = new Float64Array(q);
  const jacobian = new Float64Array(q * p);
  at.terms.forEach((t, k) => {
    const beta = estimates[t.beta]!;
    g[k] = estimates[t.theta]! + rho * beta;
    jacobian[k * p + t.theta] = 1;
    jacobian[k * p + at.rho] = beta;
    jacobian[k * p + t.beta] = rho;
  });
  return waldTest(g, jacobian, vcov, p);
}

/** Positions of rho and of each x's β and θ among `names` (the covariance's parameter names). */
export function durbinPositions(names: string[], x: string[]): DurbinPositions {
  const rho = names.indexOf('rho');
  if (rho < 0) {
    throw new SpilloverError('INVALID_SPEC', 'tests: SDM restrictions need the spatial lag coefficient rho', {
      field: 'tests',
    });
  }
  const terms = x
    .filter((name) => names.includes(`W*${name}`))
    .map((name) => ({ beta: names.indexOf(name), theta: names.indexOf(`W*${name}`) }));
  return { rho, terms };
}
