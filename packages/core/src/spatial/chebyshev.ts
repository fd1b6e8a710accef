/**
 * Chebyshev interpolation of a smooth function on [lo, hi] (Trefethen 2013, chs. 3, 8): values at the
 * m Chebyshev points of the first kind, coefficients by the discrete cosine sum, evaluation by Clenshaw's
 * recurrence. For f analytic inside the Bernstein ellipse E_r the error falls like r^(−m); m doubles
 * from 16 until the last two coefficients are below 1e-13 of the largest (error ≲ 1e-13 relative; the
 * values themselves carry rounding of ~1e-14, which sets the floor of the coefficients).
 */

const START = 16;
const MAX = 128;
const TAIL = 1e-13;

/** Interpolant of f on [lo, hi], or null when f is not resolved with 128 points. */
export function chebyshevInterpolant(f: (x: number) => number, lo: number, hi: number): ((x: number) => number) | null {
  if (!(hi > lo)) {
    const v = f(lo);
    return () => v;
  }
  const mid = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  for (let m = START; m <= MAX; m *= 2) {
    const values = Float64Array.from({ length: m }, (_, j) => f(mid + half * Math.cos((Math.PI * (j + 0.5)) / m)));
    const c = new Float64Array(m);
    let scale = 0;
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += values[j]! * Math.cos((Math.PI * k * (j + 0.5)) / m);
      c[k] = ((k === 0 ? 1 : 2) / m) * s;
      scale = Math.max(scale, Math.abs(c[k]!));
    }
    if (Math.abs(c[m - 1]!) + Math.abs(c[m - 2]!) > TAIL * scale) continue;
    return (x: number): number => {
      const t = (x - mid) / half;
      // Clenshaw: Σ c_k T_k(t)
      let b1 = 0;
      let b2 = 0;
      for (let k = m - 1; k >= 1; k--) {
        const b0 = 2 * t * b1 - b2 + c[k]!;
        b2 = b1;
        b1 = b0;
      }
      return t * b1 - b2 + c[0]!;
    };
  }
  return null;
}
