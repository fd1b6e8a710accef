/**
 * Spatial error (SEM; SDEM with W*x columns) and spatial autoregressive-error (SAC/SARAR) models by
 * concentrated maximum likelihood, splm's within direct approach. For given (ρ, λ),
 *   y* = (I − λW)(I − ρW) y,  X* = (I − λW) X,  β = (X*'X*)⁻¹X*'y*,  SSE = ‖y* − X*β‖²,
 *   ℓ_c(ρ, λ) = −(NT/2) log SSE + T log|I − ρW| + T log|I − λW|.
 * Every quantity is a quadratic form in the columns [y, Wy, WWy, X, WX], so their Gram matrix is
 * formed once (O(NT k²)) and each evaluation costs O(k³) plus the log-determinants (O(N) from
 * eigenvalues, one sparse LU otherwise).
 * SEM: λ by Brent on the exact log-likelihood, polished to the exact root
 * of the concentrated score. SAC: nested Brent on the log-likelihood, then
 * Newton steps on the analytic gradient (finite-difference Jacobian) to ~1e-12.
 * Under the Lee–Yu transformation (./design.ts) the likelihood counts N*T* observations and T* periods,
 * the lagged columns are taken net of their period means, and each log|I − cW| loses log(1 − c).
 */
import { SpilloverError } from '@spillover/contracts';
import { choleskyDecompose } from '../../linalg/dense.js';
import { brentMinimise, maximiseWithScore } from '../optimise.js';
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

const BOUND_MARGIN = 1e-10;

interface Evaluation {
  sse: number;
  beta: Float64Array;
  /** ∂SSE/∂ρ and ∂SSE/∂λ at the optimal β (envelope theorem). */
  dRho: number;
  dLambda: number;
}

/** Quadratic forms of the SARAR model from the Gram matrix of [y, Wy, WWy, X, WX]. */
class GramModel {
  private readonly m: number;
  private readonly gram: Float64Array;
  constructor(
    d: SpatialDesign,
    private readonly k = d.x.length,
  ) {
    // under the Lee–Yu time transformation every column is taken net of its period means (y and X already are)
    const wy = panelSpatialLag(d.w, d.y);
    const lagged = [wy, panelSpatialLag(d.w, wy), ...d.x.map((c) => panelSpatialLag(d.w, c))].map((v) =>
      projectPeriods(d, v),
    );
    const basis = [d.y, lagged[0]!, lagged[1]!, ...d.x, ...lagged.slice(2)];
    this.m = basis.length;
    this.gram = new Float64Array(this.m * this.m);
    for (let a = 0; a < this.m; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        const ca = basis[a]!;
        const cb = basis[b]!;
        for (let r = 0; r < ca.length; r++) s += ca[r]! * cb[r]!;
        this.gram[a * this.m + b] = s;
        this.gram[b * this.m + a] = s;
      }
    }
  }

  private form(u: Float64Array, v: Float64Array): number {
    let s = 0;
    for (let a = 0; a < this.m; a++) {
      if (u[a] === 0) continue;
      let t = 0;
      for (let b = 0; b < this.m; b++) t += this.gram[a * this.m + b]! * v[b]!;
      s += u[a]! * t;
    }
    return s;
  }

  evaluate(rho: number, lambda: number): Evaluation {
    const { m, k } = this;
    const cy = new Float64Array(m);
    cy[0] = 1;
    cy[1] = -rho - lambda;
    cy[2] = rho * lambda;
    const cx = Array.from({ length: k }, (_, j) => {
      const c = new Float64Array(m);
      c[3 + j] = 1;
      c[3 + k + j] = -lambda;
      return c;
    });
    const xtx = new Float64Array(k * k);
    const xty = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      xty[i] = this.form(cx[i]!, cy);
      for (let j = 0; j <= i; j++) xtx[i * k + j] = xtx[j * k + i] = this.form(cx[i]!, cx[j]!);
    }
    const l = choleskyDecompose(xtx, k);
    const beta = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      let s = xty[i]!;
      for (let j = 0; j < i; j++) s -= l[i * k + j]! * beta[j]!;
      beta[i] = s / l[i * k + i]!;
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = beta[i]!;
      for (let j = i + 1; j < k; j++) s -= l[j * k + i]! * beta[j]!;
      beta[i] = s / l[i * k + i]!;
    }
    const ce = Float64Array.from(cy);
    for (let j = 0; j < k; j++) {
      ce[3 + j]! -= beta[j]!;
      ce[3 + k + j]! += lambda * beta[j]!;
    }
    const sse = this.form(ce, ce);
    // ∂e/∂ρ = −Wy + λWWy; ∂e/∂λ = −Wy + ρWWy + WXβ
    const dr = new Float64Array(m);
    dr[1] = -1;
    dr[2] = lambda;
    const dl = new Float64Array(m);
    dl[1] = -1;
    dl[2] = rho;
    for (let j = 0; j < k; j++) dl[3 + k + j] = beta[j]!;
    return { sse, beta, dRho: 2 * this.form(ce, dr), dLambda: 2 * this.form(ce, dl) };
  }
}

function interval(d: SpatialDesign): [number, number] {
  return [
    d.logdet.lower + BOUND_MARGIN * Math.abs(d.logdet.lower),
    d.logdet.upper - BOUND_MARGIN * Math.abs(d.logdet.upper),
  ];
}

/** SEM / SDEM: y = Xβ + u, u = λWu + ε. */
export function fitErrorModel(d: SpatialDesign): MlEstimate {
  const { nobs, periods: T } = likelihoodSize(d);
  const g = new GramModel(d);
  const loglik = (lambda: number): number =>
    (-nobs / 2) * Math.log(g.evaluate(0, lambda).sse) + T * logDetTerm(d, lambda);
  const score = (lambda: number): number => {
    const e = g.evaluate(0, lambda);
    return (-nobs / 2) * (e.dLambda / e.sse) - T * traceGTerm(d, lambda).tr;
  };
  const [lo, hi] = interval(d);
  const coarse = (lambda: number): number =>
    (-nobs / 2) * Math.log(g.evaluate(0, lambda).sse) + T * logDetTerm(d, lambda);
  const { x: lambda, atBound } = maximiseWithScore(loglik, score, lo, hi, coarse);
  const e = g.evaluate(0, lambda);
  const sigma2 = e.sse / nobs;
  return {
    beta: e.beta,
    rho: null,
    lambda,
    sigma2,
    logLik: fullLogLik(nobs, sigma2, T * logDetTerm(d, lambda)),
    atBound: atBound ? ['lambda'] : [],
  };
}

/** SAC: y = ρWy + Xβ + u, u = λWu + ε. */
export function fitSacModel(d: SpatialDesign): MlEstimate {
  const { nobs, periods: T } = likelihoodSize(d);
  const g = new GramModel(d);
  const [lo, hi] = interval(d);
  const loglik = (rho: number, lambda: number): number =>
    (-nobs / 2) * Math.log(g.evaluate(rho, lambda).sse) + T * (logDetTerm(d, rho) + logDetTerm(d, lambda));
  const gradient = (rho: number, lambda: number): [number, number] => {
    const e = g.evaluate(rho, lambda);
    return [
      (-nobs / 2) * (e.dRho / e.sse) - T * traceGTerm(d, rho).tr,
      (-nobs / 2) * (e.dLambda / e.sse) - T * traceGTerm(d, lambda).tr,
    ];
  };
  // nested Brent: profile out ρ for each λ
  const bestRho = (lambda: number): number => brentMinimise((r) => -loglik(r, lambda), lo, hi, 1e-10).x;
  let lambda = brentMinimise((l) => -loglik(bestRho(l), l), lo, hi, 1e-9).x;
  let rho = bestRho(lambda);
  // Newton on the gradient
  for (let iter = 0; iter < 20; iter++) {
    const [g1, g2] = gradient(rho, lambda);
    if (Math.hypot(g1, g2) < 1e-9 * nobs) break;
    const h = 1e-6;
    const [a1, a2] = gradient(rho + h, lambda);
    const [b1, b2] = gradient(rho, lambda + h);
    const j11 = (a1 - g1) / h;
    const j21 = (a2 - g2) / h;
    const j12 = (b1 - g1) / h;
    const j22 = (b2 - g2) / h;
    const det = j11 * j22 - j12 * j21;
    if (!(det > 0) || !(j11 < 0)) break; // not at a maximum's basin: keep the Brent result
    const stepRho = (j22 * g1 - j12 * g2) / det;
    const stepLambda = (-j21 * g1 + j11 * g2) / det;
    const nr = Math.min(hi, Math.max(lo, rho - stepRho));
    const nl = Math.min(hi, Math.max(lo, lambda - stepLambda));
    if (Math.hypot(...gradient(nr, nl)) > 10 * Math.hypot(g1, g2)) break;
    rho = nr;
    lambda = nl;
    if (Math.abs(stepRho) + Math.abs(stepLambda) < 1e-15) break;
  }
  const e = g.evaluate(rho, lambda);
  if (!Number.isFinite(e.sse)) {
    throw new SpilloverError('NON_CONVERGENCE', 'SAC likelihood could not be evaluated');
  }
  const sigma2 = e.sse / nobs;
  const near = (x: number): boolean => Math.min(x - lo, hi - x) < 1e-6 * (hi - lo);
  return {
    beta: e.beta,
    rho,
    lambda,
    sigma2,
    logLik: fullLogLik(nobs, sigma2, T * (logDetTerm(d, rho) + logDetTerm(d, lambda))),
    atBound: [...(near(rho) ? ['rho'] : []), ...(near(lambda) ? ['lambda'] : [])],
  };
}
