/**
 * Eigenvalues (no vectors) of a real symmetric matrix: Householder reduction to tridiagonal form,
 * then the implicit QL method with Wilkinson-type shifts (Golub & Van Loan 2013, §8.3; Wilkinson &
 * Reinsch 1971). O(4n³/3) for the reduction, O(n²) for QL. Plain Float64Array loops.
 */
import { SpilloverError } from '@spillover/contracts';

/** Eigenvalues of the symmetric n×n row-major `a` (only the lower triangle is read), ascending. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const { d, e } = tridiagonalise(a, n);
  implicitQl(d, e, n);
  return d.sort();
}

/** Householder tridiagonalisation: returns the diagonal d and the off-diagonal e (e[i] couples i, i+1). */
function tridiagonalise(input: Float64Array, n: number): { d: Float64Array; e: Float64Array } {
  const a = Float64Array.from(input);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i]!;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // x = a[k+1.., k]; reflect it onto α e₁
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k]! ** 2;
    d[k] = a[k * n + k]!;
    const x0 = a[(k + 1) * n + k]!;
    if (norm2 === x0 * x0) {
      e[k] = x0; // already tridiagonal in this column
      continue;
    }
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    e[k] = alpha;
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k]!;
    v[k + 1] = x0 - alpha;
    const vv = norm2 - x0 * x0 + v[k + 1]! ** 2;
    const beta = 2 / vv;
    // p = β A₂₂ v; q = p − (β v'p / 2) v; A₂₂ ← A₂₂ − v q' − q v'
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = k + 1; j < n; j++) s += a[row + j]! * v[j]!;
      p[i] = beta * s;
      vp += v[i]! * p[i]!;
    }
    const kk = (beta * vp) / 2;
    for (let i = k + 1; i < n; i++) p[i]! -= kk * v[i]!;
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i]!;
      const qi = p[i]!;
      for (let j = k + 1; j < n; j++) a[row + j]! -= vi * p[j]! + qi * v[j]!;
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]!;
    e[n - 2] = a[(n - 1) * n + n - 2]!;
  }
  if (n >= 1) d[n - 1] = a[n * n - 1]!;
  return { d, e };
}

/** Implicit QL iterations on the symmetric tridiagonal (d, e); d becomes the eigenvalues (unsorted). */
function implicitQl(d: Float64Array, e: Float64Array, n: number): void {
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) {
        throw new SpilloverError('NON_CONVERGENCE', 'symmetric eigenvalue iteration did not converge');
      }
      // shift from the leading 2×2 block
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1]! -= p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (deflated) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
