/**
 * Average expected information and the QML covariance of the dynamic spatial lag model (Yu, de Jong &
 * Lee 2008, Theorem 2; as SDPDmod), parameters in the order (b over Z, ρ, σ²). With S = I − ρW,
 * G = W S⁻¹ (after the Lee–Yu transformation M = P G P, the N-coordinate form of G* = F'GF) and
 * Zb the stacked Z b:
 *   n t Σ_bb = Z'Z/σ²,  n t Σ_bρ = Z'(I⊗M)Zb/σ²,  n t Σ_ρρ = ‖(I⊗M)Zb‖²/σ² + t[tr(MM) + tr(MM')],
 *   n t Σ_ρσ² = t tr(M)/σ²,  n t Σ_σ²σ² = n t/(2σ⁴);
 *   Var = (Σ⁻¹ + Σ⁻¹ Ω Σ⁻¹)/(n t),  Ω the non-normality term, non-zero in the (ρ, σ²) block:
 *   Ω_ρρ = κ Σ_i d_i²/n,  Ω_ρσ² = κ Σ_i d_i p_i/(2σ² n),  Ω_σ²σ² = κ Σ_i p_i²/(4σ⁴ n),  κ = (μ₄ − 3σ⁴)/σ⁴,
 * with d = diag(M), p = diag(P) (ones without the transformation) and μ₄ the fourth moment of the
 * residuals ỹ − S⁻¹Zb.
 *
 * After the Lee–Yu transformation SDPDmod takes d = diag(F'GF) and μ₄ over the N − 1 coordinates
 * F'(ỹ − S⁻¹Zb), which depend on the basis F chosen (LAPACK's eigenvectors of I − 11'/N): given
 * `basis`, that is reproduced; without it the basis-free form above (N coordinates, p_i = 1 − 1/N)
 * is used. Estimates and Σ do not depend on F.
 */
import { SpilloverError } from '@spillover/contracts';
import { invertGeneral, invertSpd } from '../../linalg/dense.js';
import { denseG } from '../models/information.js';
import { denseWeights } from '../weights/types.js';
import { removePeriodMeans, type DynamicDesign } from './design.js';
import type { DynamicEstimate } from './qml.js';

/** What the information and Ω need of G at one ρ. */
interface GTerms {
  /** (I⊗M) Zb and S⁻¹ Zb = Zb + ρ (I⊗G) Zb, stacked by period. */
  mzb: Float64Array;
  sInvZb: Float64Array;
  trM: number;
  trMM: number;
  frobM: number;
  g: Float64Array;
  m: Float64Array;
}

function gTerms(d: DynamicDesign, at: DynamicEstimate): GTerms {
  const { n } = d;
  const g = denseG(d.w, at.rho, denseWeights(d.w));
  const m = d.timeTransformed ? centred(g, n) : g;
  const zb = new Float64Array(d.y.length);
  d.z.forEach((c, j) => {
    const b = at.beta[j]!;
    for (let r = 0; r < zb.length; r++) zb[r]! += c[r]! * b;
  });
  const gzb = perPeriod(g, n, zb);
  const sInvZb = Float64Array.from(zb, (v, r) => v + at.rho * gzb[r]!);
  // Zb has zero period means (two-way demeaned columns), so (I⊗PGP)Zb = (I⊗P)(I⊗G)Zb
  const mzb = gzb;
  if (d.timeTransformed) removePeriodMeans(mzb, n);
  let trM = 0;
  let trMM = 0;
  let frobM = 0;
  for (let i = 0; i < n; i++) {
    trM += m[i * n + i]!;
    for (let j = 0; j < n; j++) {
      const v = m[i * n + j]!;
      trMM += v * m[j * n + i]!;
      frobM += v * v;
    }
  }
  return { mzb, sInvZb, trM, trMM, frobM, g, m };
}

/** P A P for P = I − 11'/N: double centring of a dense N × N matrix. */
function centred(a: Float64Array, n: number): Float64Array {
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = a[i * n + j]!;
      rowMean[i]! += v / n;
      colMean[j]! += v / n;
      grand += v;
    }
  }
  grand /= n * n;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = a[i * n + j]! - rowMean[i]! - colMean[j]! + grand;
  }
  return out;
}

/** Dense N × N matrix applied to each period's block of a stacked vector. */
function perPeriod(m: Float64Array, n: number, v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let o = 0; o < v.length; o += n) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const ri = i * n;
      for (let j = 0; j < n; j++) s += m[ri + j]! * v[o + j]!;
      out[o + i] = s;
    }
  }
  return out;
}

/** Σ = I(θ)/(n t), the average expected information, (k + 2) × (k + 2) row-major. */
export function averageInformation(
  d: DynamicDesign,
  at: DynamicEstimate,
  terms = gTerms(d, at),
): Float64Array {
  const k = d.z.length;
  const p = k + 2;
  const nt = d.units * d.periods;
  const s2 = at.sigma2;
  const info = new Float64Array(p * p);
  const set = (i: number, j: number, v: number): void => {
    info[i * p + j] = v / nt;
    info[j * p + i] = v / nt;
  };
  for (let i = 0; i < k; i++) {
    const ci = d.z[i]!;
    for (let j = 0; j <= i; j++) {
      const cj = d.z[j]!;
      let s = 0;
      for (let r = 0; r < ci.length; r++) s += ci[r]! * cj[r]!;
      set(i, j, s / s2);
    }
    let s = 0;
    for (let r = 0; r < ci.length; r++) s += ci[r]! * terms.mzb[r]!;
    set(i, k, s / s2);
  }
  let q = 0;
  for (const v of terms.mzb) q += v * v;
  set(k, k, q / s2 + d.periods * (terms.trMM + terms.frobM));
  set(k, k + 1, (d.periods * terms.trM) / s2);
  set(k + 1, k + 1, nt / (2 * s2 * s2));
  return info;
}

export function invertInformation(info: Float64Array, p: number): Float64Array {
  try {
    return invertSpd(info, p);
  } catch {
    const inv = invertGeneral(info, p);
    if (!inv.every(Number.isFinite)) {
      throw new SpilloverError('SINGULAR_DESIGN', 'the information matrix of the dynamic model is singular');
    }
    return inv;
  }
}

/** Ω (module comment); `basis` is F, N × (N − 1) row-major, for SDPDmod's basis-dependent form. */
function nonNormality(
  d: DynamicDesign,
  at: DynamicEstimate,
  terms: GTerms,
  basis?: Float64Array,
): Float64Array {
  const { n } = d;
  const k = d.z.length;
  const p = k + 2;
  const s2 = at.sigma2;
  const resid = Float64Array.from(d.y, (v, r) => v - terms.sInvZb[r]!);
  let diag: Float64Array;
  let weights: Float64Array;
  let sum4 = 0;
  let count: number;
  if (d.timeTransformed && basis) {
    const c = n - 1;
    diag = basisDiagonal(terms.g, basis, n);
    weights = new Float64Array(c).fill(1);
    const coord = new Float64Array(c);
    for (let o = 0; o < resid.length; o += n) {
      coord.fill(0);
      for (let i = 0; i < n; i++) {
        const v = resid[o + i]!;
        for (let j = 0; j < c; j++) coord[j]! += basis[i * c + j]! * v;
      }
      for (let j = 0; j < c; j++) sum4 += coord[j]! ** 4;
    }
    count = c * d.periods;
  } else {
    if (d.timeTransformed) removePeriodMeans(resid, n);
    diag = Float64Array.from({ length: n }, (_, i) => terms.m[i * n + i]!);
    weights = new Float64Array(n).fill(d.timeTransformed ? 1 - 1 / n : 1);
    for (const v of resid) sum4 += v ** 4;
    count = resid.length;
  }
  const mu4 = sum4 / count;
  const kappa = (mu4 - 3 * s2 * s2) / (s2 * s2);
  let dd = 0;
  let dp = 0;
  let pp = 0;
  diag.forEach((v, i) => {
    dd += v * v;
    dp += v * weights[i]!;
    pp += weights[i]! ** 2;
  });
  const units = d.units;
  const omega = new Float64Array(p * p);
  omega[k * p + k] = (kappa * dd) / units;
  omega[k * p + k + 1] = omega[(k + 1) * p + k] = (kappa * dp) / (2 * s2 * units);
  omega[(k + 1) * p + k + 1] = (kappa * pp) / (4 * s2 * s2 * units);
  return omega;
}

/** diag(F'GF), F N × c row-major. */
function basisDiagonal(g: Float64Array, f: Float64Array, n: number): Float64Array {
  const c = n - 1;
  const gf = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < n; l++) {
      const v = g[i * n + l]!;
      if (v === 0) continue;
      for (let j = 0; j < c; j++) gf[i * c + j]! += v * f[l * c + j]!;
    }
  }
  const out = new Float64Array(c);
  for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) out[j]! += f[i * c + j]! * gf[i * c + j]!;
  return out;
}

/** QML covariance (Σ⁻¹ + Σ⁻¹ΩΣ⁻¹)/(n t) at `at`, order (b, ρ, σ²). */
export function dynamicCovariance(d: DynamicDesign, at: DynamicEstimate, basis?: Float64Array): Float64Array {
  const p = d.z.length + 2;
  const terms = gTerms(d, at);
  const inv = invertInformation(averageInformation(d, at, terms), p);
  const omega = nonNormality(d, at, terms, basis);
  const nt = d.units * d.periods;
  const tmp = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += inv[a * p + c]! * omega[c * p + b]!;
      tmp[a * p + b] = s;
    }
  }
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = inv[a * p + b]!;
      for (let c = 0; c < p; c++) s += tmp[a * p + c]! * inv[c * p + b]!;
      out[a * p + b] = s / nt;
    }
  }
  return out;
}
