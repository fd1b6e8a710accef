/**
 * One-dimensional optimisation and root finding (Brent 1973): golden-section search with parabolic
 * interpolation for a minimum, and the Brent–Dekker method for a bracketed root.
 */
import { SpilloverError } from '@spillover/contracts';

const GOLDEN = 0.5 * (3 - Math.sqrt(5));

/** Minimiser of f on [a, b] to about `tol` (absolute). */
export function brentMinimise(
  f: (x: number) => number,
  a: number,
  b: number,
  tol = 1e-10,
  maxIter = 200,
): { x: number; fx: number } {
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = tol + 1e-15 * Math.abs(x);
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      // parabola through (v, fv), (w, fw), (x, fx)
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x < m ? b - x : a - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx };
}

/** Root of g in [a, b] where g(a), g(b) have opposite signs (Brent–Dekker), to about `tol`. */
export function brentRoot(
  g: (x: number) => number,
  a: number,
  b: number,
  tol = 1e-15,
  maxIter = 300,
): number {
  let fa = g(a);
  let fb = g(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) throw new SpilloverError('NON_CONVERGENCE', `root not bracketed in [${a}, ${b}]`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : m > 0 ? tol1 : -tol1;
    fb = g(b);
  }
  return b;
}

/** Score and its derivative (the slope of the score, negative near a maximum). */
export type ScoreWithSlope = (x: number) => { score: number; slope: number };

/**
 * Maximiser of a smooth concave-near-the-top function on (lower, upper): Brent on −ℓ (on `coarse`, a
 * cheap approximation of ℓ, when given), then the exact root of the analytic derivative `score` near it
 * (function values alone cannot place a maximum closer than ~1e-8): by Newton's method when
 * `scoreWithSlope` is given (3-4 evaluations from Brent's 1e-6, quadratic convergence to rounding), else
 * (or if Newton leaves the concave region) by Brent–Dekker in a small bracket around it; if no bracket is
 * found, Brent on the exact ℓ. Returns the maximiser and whether it sits at a bound.
 */
export function maximiseWithScore(
  loglik: (x: number) => number,
  score: (x: number) => number,
  lower: number,
  upper: number,
  coarse?: (x: number) => number,
  scoreWithSlope?: ScoreWithSlope,
): { x: number; atBound: boolean } {
  if (coarse) {
    const rough = brentMinimise((x) => -coarse(x), lower, upper, scoreWithSlope ? 1e-6 : 1e-9).x;
    const polished =
      (scoreWithSlope && newton(scoreWithSlope, rough, lower, upper)) ?? polish(score, rough, lower, upper);
    if (polished !== null) return { x: polished, atBound: false };
  }
  const { x: x0 } = brentMinimise((x) => -loglik(x), lower, upper, 1e-9);
  const polished = polish(score, x0, lower, upper);
  if (polished !== null) return { x: polished, atBound: false };
  return { x: x0, atBound: Math.min(x0 - lower, upper - x0) < 1e-6 * (upper - lower) };
}

/**
 * Newton's method on the score from x0, accepted only while the slope is negative (a maximum) and the
 * iterates stay inside (lower, upper) within 1e-3 of x0; stops one step after |step| < 1e-12·max(1, |x|)
 * (the error is then ~step², i.e. rounding). Null when it does not settle within 20 steps.
 */
function newton(f: ScoreWithSlope, x0: number, lower: number, upper: number): number | null {
  let x = x0;
  for (let iter = 0; iter < 20; iter++) {
    const { score, slope } = f(x);
    if (score === 0) return x;
    if (!(slope < 0)) return null;
    const step = score / slope;
    x -= step;
    if (!(x > lower && x < upper) || Math.abs(x - x0) > 1e-3) return null;
    if (Math.abs(step) < 1e-12 * Math.max(1, Math.abs(x))) return x;
  }
  return null;
}

/** Exact root of a decreasing score in the smallest bracket x0 ± 10^j·1e-7 (j ≥ 0) that holds one; null if none up to ±0.1. */
function polish(score: (x: number) => number, x0: number, lower: number, upper: number): number | null {
  let width = 1e-7;
  while (width < 0.1) {
    const a = Math.max(lower, x0 - width);
    const b = Math.min(upper, x0 + width);
    const sa = score(a);
    const sb = score(b);
    if (sa > 0 && sb < 0) return brentRoot(score, a, b);
    if ((a === lower && sa <= 0) || (b === upper && sb >= 0)) return null;
    width *= 10;
  }
  return null;
}
