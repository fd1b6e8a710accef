/**
 * Expected (analytic) information matrix of the spatial panel model
 *   y = ρ(I_T⊗W)y + Xβ + u,  u = λ(I_T⊗W)u + ε,  ε ~ N(0, σ²I)
 * in the parameter order (σ², ρ, λ, β) (ρ or λ left out when absent), at given values
 * (Anselin 1988, ch. 6; Lee 2004; Elhorst 2014, ch. 3). With A = I − ρW, B = I − λW, G = W A⁻¹,
 * H = W B⁻¹ and G̃ = B G B⁻¹:
 *   I_σσ = NT/(2σ⁴),  I_σρ = T tr(G)/σ²,  I_σλ = T tr(H)/σ²,
 *   I_ρρ = T[tr(G̃G̃) + tr(G̃'G̃)] + ‖B G X β‖²/σ²,  I_λλ = T[tr(HH) + tr(H'H)],
 *   I_ρλ = T[tr(G̃H) + tr(G̃'H)],  I_ρβ = (BX)'(BGXβ)/σ²,  I_ββ = (BX)'(BX)/σ²,  I_λβ = I_σβ = 0.
 * One-parameter models (SAR/SDM: λ = 0; SEM/SDEM: ρ absent) never form G or H: their traces and G X β
 * come from the log-determinant kernel and sparse solves (./g-traces.ts; exact up to
 * FROBENIUS_EXACT_LIMIT units, a stated Hutchinson estimate of tr(G'G) above) whenever the sparse LU is
 * stable at the estimate (luIsStable). SAC, and the rare other cases, form G and H densely (N × N) once
 * per call: exact, O(N³).
 * Under the Lee–Yu transformation (./design.ts) NT and T become N*T* and T*; with time effects
 * transformed away every trace is of F'PF, i.e. of (I − J)P(I − J), and X, G X β are taken net of
 * their period means.
 */
import {
  columnsTimesVector,
  crossProduct,
  dot,
  identity,
  invertGeneral,
  luDecompose,
  luSolve,
} from '../../linalg/dense.js';
import { denseWeights, spatialLag, type SpatialWeights } from '../weights/types.js';
import { luIsStable } from '../sparse/lu.js';
import { likelihoodSize, projectPeriods, type SpatialDesign } from './design.js';
import { FROBENIUS_EXACT_LIMIT, applyG, gTraces, type GTraces } from './g-traces.js';

/**
 * Dense G = W (I − cW)⁻¹, row-major N × N. When |c|·‖W‖_∞ < 0.95 (e.g. row-standardised W, |c| < 0.95)
 * by the Neumann series G = Σ_k c^k W^{k+1}, each term a sparse-times-dense product (O(nnz·N) per
 * term, summed until terms fall below 1e-17 of G); otherwise by a dense LU inverse (O(N³)).
 */
export function denseG(w: SpatialWeights, c: number, wDense = denseWeights(w)): Float64Array {
  const n = w.n;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) s += Math.abs(w.val[p]!);
    norm = Math.max(norm, s);
  }
  if (Math.abs(c) * norm < 0.95) return neumannG(w, c, wDense);
  const a = identity(n);
  for (let k = 0; k < n * n; k++) a[k]! -= c * wDense[k]!;
  const inv = invertGeneral(a, n);
  return multiply(wDense, inv, n);
}

function neumannG(w: SpatialWeights, c: number, wDense: Float64Array): Float64Array {
  const n = w.n;
  const g = Float64Array.from(wDense);
  let term = Float64Array.from(wDense);
  let next = new Float64Array(n * n);
  for (let iter = 0; iter < 2000; iter++) {
    // next = c W term (rows of W are sparse)
    next.fill(0);
    let max = 0;
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
        const f = c * w.val[p]!;
        const rk = w.col[p]! * n;
        for (let j = 0; j < n; j++) next[ri + j]! += f * term[rk + j]!;
      }
    }
    for (let q = 0; q < n * n; q++) {
      g[q]! += next[q]!;
      const a = Math.abs(next[q]!);
      if (a > max) max = a;
    }
    [term, next] = [next, term];
    if (max < 1e-17) break;
  }
  return g;
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ri + k]!;
      if (aik === 0) continue;
      const rk = k * n;
      for (let j = 0; j < n; j++) out[ri + j]! += aik * b[rk + j]!;
    }
  }
  return out;
}

/** tr(PQ) and tr(P'Q) of dense N × N matrices. */
function traces(p: Float64Array, q: Float64Array, n: number): { pq: number; ptq: number } {
  let pq = 0;
  let ptq = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      pq += p[i * n + j]! * q[j * n + i]!;
      ptq += p[i * n + j]! * q[i * n + j]!;
    }
  }
  return { pq, ptq };
}

function trace(p: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += p[i * n + i]!;
  return s;
}

/** (I − J)P(I − J), J = ll'/N: P without its row and column means (plus the grand mean). */
function doublyCentred(p: Float64Array, n: number): Float64Array {
  const row = new Float64Array(n);
  const col = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = p[i * n + j]!;
      row[i]! += v / n;
      col[j]! += v / n;
      grand += v / (n * n);
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = p[i * n + j]! - row[i]! - col[j]! + grand;
  }
  return out;
}

/**
 * G'l = (I − cW')⁻¹ W'l (column sums of G = W(I − cW)⁻¹): by the Neumann iteration v ← W'l + cW'v
 * while it converges (|c| below 1/ρ(W)), otherwise by a dense LU of I − cW'.
 */
export function transposedGOnes(w: SpatialWeights, c: number): Float64Array {
  const n = w.n;
  const applyTransposed = (v: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) out[w.col[p]!]! += w.val[p]! * v[i]!;
    }
    return out;
  };
  const u = applyTransposed(new Float64Array(n).fill(1));
  let v = Float64Array.from(u);
  for (let iter = 0; iter < 20000; iter++) {
    const wv = applyTransposed(v);
    let change = 0;
    let size = 0;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      next[i] = u[i]! + c * wv[i]!;
      change = Math.max(change, Math.abs(next[i]! - v[i]!));
      size = Math.max(size, Math.abs(next[i]!));
    }
    v = next;
    if (!Number.isFinite(size) || size > 1e12) break;
    if (change <= 1e-15 * size) return v;
  }
  const a = identity(n);
  const wDense = denseWeights(w);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j]! -= c * wDense[j * n + i]!;
  return luSolve(luDecompose(a, n), n, u);
}

/** Dense matrix applied per period to a period-major vector. */
function applyPerPeriod(m: Float64Array, n: number, v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let t = 0; t < v.length / n; t++) {
    const o = t * n;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += m[i * n + j]! * v[o + j]!;
      out[o + i] = s;
    }
  }
  return out;
}

/** (I − cW) applied per period. */
function applyIMinus(w: SpatialWeights, c: number, v: Float64Array): Float64Array {
  if (c === 0) return v;
  const out = new Float64Array(v.length);
  for (let t = 0; t < v.length / w.n; t++) spatialLag(w, v, out, t * w.n);
  for (let k = 0; k < v.length; k++) out[k] = v[k]! - c * out[k]!;
  return out;
}

export interface InformationAt {
  beta: ArrayLike<number>;
  sigma2: number;
  rho: number | null;
  lambda: number | null;
}

/** Parameter names of the information matrix, in its order. */
export function informationNames(d: SpatialDesign, at: InformationAt): string[] {
  return [
    'sigma2',
    ...(at.rho !== null ? ['rho'] : []),
    ...(at.lambda !== null ? ['lambda'] : []),
    ...d.names,
  ];
}

/**
 * The full expected information (row-major, symmetric) at `at`. A stochastic tr(G'G) (very large N)
 * adds its relative standard error to `warnings` when given.
 */
export function expectedInformation(d: SpatialDesign, at: InformationAt, warnings?: string[]): Float64Array {
  const { n } = d;
  const { nobs, periods: T } = likelihoodSize(d);
  const projected = d.leeYu?.timeProjected === true;
  const k = d.x.length;
  const s2 = at.sigma2;
  const hasRho = at.rho !== null;
  const hasLambda = at.lambda !== null;
  const lambda = at.lambda ?? 0;
  const p = 1 + (hasRho ? 1 : 0) + (hasLambda ? 1 : 0) + k;
  const info = new Float64Array(p * p);
  const set = (i: number, j: number, v: number): void => {
    info[i * p + j] = v;
    info[j * p + i] = v;
  };
  set(0, 0, nobs / (2 * s2 * s2));
  const bx = d.x.map((c) => projectPeriods(d, applyIMinus(d.w, lambda, c)));
  const b0 = p - k;
  const bxx = crossProduct(bx);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) set(b0 + i, b0 + j, bxx[i * k + j]! / s2);
  const li = hasRho ? 2 : 1;
  const note = (g: GTraces, name: string): void => {
    if (g.frobeniusSe > 0) {
      warnings?.push(
        `tr(G'G) of the ${name} information is a Hutchinson estimate (N = ${n} > ${FROBENIUS_EXACT_LIMIT.n}): relative standard error ${(g.frobeniusSe / g.frobenius).toExponential(1)}`,
      );
    }
  };
  const single = hasRho ? at.rho! : lambda;
  if (hasRho !== hasLambda && luIsStable(d.w, single)) {
    const c = single;
    const g = gTraces(d.w, d.logdet, c);
    note(g, hasRho ? 'rho' : 'lambda');
    if (projected) {
      // traces of G* = F'GF: with Gl = l/(1 − c) (W l = l), tr(G*) = tr(G) − 1/(1 − c),
      // tr(G*²) = tr(G²) − 1/(1 − c)², tr(G*'G*) = tr(G'G) − ‖G'l‖²/N
      const e = 1 / (1 - c);
      const gtl = transposedGOnes(d.w, c);
      g.tr -= e;
      g.tr2 -= e * e;
      g.frobenius -= dot(gtl, gtl) / n;
    }
    const pos = hasRho ? 1 : li;
    set(0, pos, (T * g.tr) / s2);
    let q2 = 0;
    if (hasRho) {
      // ‖G X β‖² and X'G X β (B = I)
      const gxb = projectPeriods(d, applyG(d.w, d.logdet, c, columnsTimesVector(d.x, at.beta, d.y.length)));
      q2 = dot(gxb, gxb);
      for (let j = 0; j < k; j++) set(1, b0 + j, dot(bx[j]!, gxb) / s2);
    }
    set(pos, pos, T * (g.tr2 + g.frobenius) + q2 / s2);
    return info;
  }
  const wDense = denseWeights(d.w);
  let h: Float64Array | null = null;
  // under the Lee–Yu time transformation each N × N matrix P enters as (I − J)P(I − J) (F'PF up to the basis)
  const centre = (m: Float64Array): Float64Array => (projected ? doublyCentred(m, n) : m);
  if (hasLambda) {
    h = denseG(d.w, lambda, wDense);
    const hc = centre(h);
    const hh = traces(hc, hc, n);
    set(0, li, (T * trace(hc, n)) / s2);
    set(li, li, T * (hh.pq + hh.ptq));
  }
  if (hasRho) {
    const g = denseG(d.w, at.rho!, wDense);
    // G̃ = B G B⁻¹ = B G B⁻¹; with λ = 0 it is G
    let gt = g;
    if (hasLambda) {
      const bInv = new Float64Array(n * n);
      // B⁻¹ = I + λ H (since H = W B⁻¹ and B⁻¹ = I + λ W B⁻¹)
      for (let q = 0; q < n * n; q++) bInv[q] = lambda * h![q]!;
      for (let i = 0; i < n; i++) bInv[i * n + i]! += 1;
      const bDense = identity(n);
      for (let q = 0; q < n * n; q++) bDense[q]! -= lambda * wDense[q]!;
      gt = multiply(multiply(bDense, g, n), bInv, n);
    }
    const gtc = centre(gt);
    const gg = traces(gtc, gtc, n);
    set(0, 1, (T * trace(centre(g), n)) / s2);
    const bgxb = projectPeriods(
      d,
      applyIMinus(d.w, lambda, applyPerPeriod(g, n, columnsTimesVector(d.x, at.beta, d.y.length))),
    );
    set(1, 1, T * (gg.pq + gg.ptq) + dot(bgxb, bgxb) / s2);
    for (let j = 0; j < k; j++) set(1, b0 + j, dot(bx[j]!, bgxb) / s2);
    if (hasLambda) {
      const gh = traces(gtc, centre(h!), n);
      set(1, li, T * (gh.pq + gh.ptq));
    }
  }
  return info;
}
