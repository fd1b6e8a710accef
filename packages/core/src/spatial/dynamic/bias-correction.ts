/**
 * Bias correction of the dynamic spatial QML estimator (Yu, de Jong & Lee 2008, Theorem 3; Lee & Yu
 * 2010), as SDPDmod: θ₁ = θ + Σ⁻¹ b / t, θ = (b, ρ, σ²) uncorrected, Σ the average information at θ
 * and, with S = I − ρW, G = W S⁻¹, A = S⁻¹(τI + ηW), B = A without its eigen-components of
 * eigenvalue > 1 − 1/n (m of them), R = (I − B)⁻¹ S⁻¹:
 *   b_τ = tr(R)/n,  b_η = tr(W R)/n,  b_ρ = τ tr(G R)/n + η tr(G W R)/n + tr(G)/n,  b_σ² = 1/(2σ²),
 *   0 for x and W*x; when m ≥ 1, (m/n) t/(2(1 − ρ)) is added to the τ, η and ρ entries.
 * W, S, G, A, B are functions of W, so every trace is a sum over the eigenvalues λ of W (of W* = F'WF,
 * i.e. W's without the eigenvalue 1, after the Lee–Yu transformation), complex ones in conjugate pairs.
 * With one lag only, the absent coefficient is 0 in these formulas (SDPDmod 0.0.6 instead reuses the
 * τ formulas for an η-only model and omits the m ≥ 1 term for a τ-only model).
 */
import type { Spectrum } from '../spectrum.js';
import { averageInformation, invertInformation } from './covariance.js';
import type { DynamicDesign } from './design.js';
import type { DynamicEstimate } from './qml.js';

export interface BiasCorrection {
  corrected: DynamicEstimate;
  /** Eigenvalues of A removed from B (near or beyond the unit root). */
  removed: number;
}

/** Eigenvalues of W entering the traces: W's, without the one nearest 1 after the Lee–Yu transformation. */
function traceSpectrum(d: DynamicDesign, s: Spectrum): { re: Float64Array; im: Float64Array } {
  if (!d.timeTransformed) return { re: s.re, im: s.im };
  let drop = 0;
  let best = Infinity;
  for (let j = 0; j < s.re.length; j++) {
    const dist = Math.hypot(s.re[j]! - 1, s.im[j]!);
    if (dist < best) {
      best = dist;
      drop = j;
    }
  }
  const keep = (v: Float64Array): Float64Array =>
    Float64Array.from([...v.subarray(0, drop), ...v.subarray(drop + 1)]);
  return { re: keep(s.re), im: keep(s.im) };
}

export function leeYuCorrection(d: DynamicDesign, est: DynamicEstimate, spectrum: Spectrum): BiasCorrection {
  const k = d.z.length;
  const p = k + 2;
  const n = d.units;
  const t = d.periods;
  const { rho } = est;
  const tau = d.tau >= 0 ? est.beta[d.tau]! : 0;
  const eta = d.eta >= 0 ? est.beta[d.eta]! : 0;
  const { re, im } = traceSpectrum(d, spectrum);
  // sums over λ of: R, λR, gR, gλR, g  (g = λ/(1 − ρλ) the eigenvalue of G)
  let trR = 0;
  let trWR = 0;
  let trGR = 0;
  let trGWR = 0;
  let trG = 0;
  let removed = 0;
  for (let j = 0; j < re.length; j++) {
    const lr = re[j]!;
    const li = im[j]!;
    // s = 1/(1 − ρλ)
    const [sr, si] = inverse(1 - rho * lr, -rho * li);
    // a = (τ + ηλ) s
    const [ar, ai] = times(tau + eta * lr, eta * li, sr, si);
    let br = ar;
    let bi = ai;
    if (ar > 1 - 1 / n) {
      br = 0;
      bi = 0;
      removed++;
    }
    // r = s/(1 − b)
    const [ir, ii] = inverse(1 - br, -bi);
    const [rr, ri] = times(sr, si, ir, ii);
    const [gr, gi] = times(lr, li, sr, si);
    trR += rr;
    trWR += times(lr, li, rr, ri)[0];
    const [grr, gri] = times(gr, gi, rr, ri);
    trGR += grr;
    trGWR += times(lr, li, grr, gri)[0];
    trG += gr;
  }
  const bias = new Float64Array(p);
  const unitRoot = removed >= 1 ? ((removed / n) * t) / (2 * (1 - rho)) : 0;
  if (d.tau >= 0) bias[d.tau] = trR / n + unitRoot;
  if (d.eta >= 0) bias[d.eta] = trWR / n + unitRoot;
  bias[k] = (tau * trGR) / n + (eta * trGWR) / n + trG / n + unitRoot;
  bias[k + 1] = 1 / (2 * est.sigma2);
  const inv = invertInformation(averageInformation(d, est), p);
  const theta = [...est.beta, est.rho, est.sigma2];
  const corrected = theta.map((v, a) => {
    let s = 0;
    for (let c = 0; c < p; c++) s += inv[a * p + c]! * bias[c]!;
    return v + s / t;
  });
  return {
    corrected: {
      beta: Float64Array.from(corrected.slice(0, k)),
      rho: corrected[k]!,
      sigma2: corrected[k + 1]!,
    },
    removed,
  };
}

function times(ar: number, ai: number, br: number, bi: number): [number, number] {
  return [ar * br - ai * bi, ar * bi + ai * br];
}

function inverse(r: number, i: number): [number, number] {
  const m = r * r + i * i;
  return [r / m, -i / m];
}
