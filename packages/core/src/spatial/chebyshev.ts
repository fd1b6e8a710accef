/**
 * Chebyshev interpolation of a smooth function on [lo, hi] (Trefethen 2013, chs. 3, 8): values at the
 * m + 1 Chebyshev points of the second kind x_j = cos(πj/m), coefficients by the discrete cosine sum,
 * evaluation by Clenshaw's recurrence. For f analytic inside the Bernstein ellipse E_r the coefficients
 * fall like r^(−k); m doubles from 8 (reusing every earlier value: the points are nested) until
 * |c_m| < 1e-11 and |c_{m−1}| < 1e-9 of the largest coefficient. With geometric decay the interpolation
 * error (at most twice the sum of the neglected coefficients) is then ≲ 1e-11 relative; the tests assert
 * < 1e-10 against exact values.
 */

const START = 8;
const MAX = 128;
const TAIL = 1e-11;

/** Interpolant of f on [lo, hi], or null when f is not resolved with 129 points. */
export function chebyshevInterpolant(
  f: (x: number) => number,
  lo: number,
  hi: number,
): ((x: number) => number) | null {
  if (!(hi > lo)) {
    const v = f(lo);
    return () => v;
  }
  const mid = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  const at = (j: number, m: number): number => f(mid + half * Math.cos((Math.PI * j) / m));
  let values = Float64Array.from({ length: START + 1 }, (_, j) => at(j, START));
  for (let m = START; m <= MAX; m *= 2) {
    if (m > START) {
      // the grid of m/2 is every other point of the grid of m
      const previous = values;
      values = new Float64Array(m + 1);
      for (let j = 0; j <= m; j++) values[j] = j % 2 === 0 ? previous[j / 2]! : at(j, m);
    }
    const c = new Float64Array(m + 1);
    let scale = 0;
    for (let k = 0; k <= m; k++) {
      let s = 0;
      for (let j = 0; j <= m; j++) {
        s += (j === 0 || j === m ? 0.5 : 1) * values[j]! * Math.cos((Math.PI * j * k) / m);
      }
      c[k] = ((k === 0 || k === m ? 1 : 2) / m) * s;
      scale = Math.max(scale, Math.abs(c[k]!));
    }
    if (Math.abs(c[m]!) > TAIL * scale || Math.abs(c[m - 1]!) > 100 * TAIL * scale) continue;
    return (x: number): number => {
      const t = (x - mid) / half;
      // Clenshaw: Σ_k c_k T_k(t)
      let b1 = 0;
      let b2 = 0;
      for (let k = m; k >= 1; k--) {
        const b0 = 2 * t * b1 - b2 + c[k]!;
        b2 = b1;
        b1 = b0;
      }
      return t * b1 - b2 + c[0]!;
    };
  }
  return null;
}
