/**
 * Eigenvalues (no vectors) of a general real matrix: balancing (Parlett & Reinsch 1969), Householder
 * reduction to upper Hessenberg form, then the Francis double-shift QR iteration (Golub & Van Loan
 * 2013, §7.5). About 10n³ flops; complex eigenvalues come in conjugate pairs.
 */
import { SpilloverError } from '@spillover/contracts';

export interface Eigenvalues {
  re: Float64Array;
  im: Float64Array;
}

/** Eigenvalues of the n×n row-major `a` (not modified). */
export function generalEigenvalues(a: Float64Array, n: number): Eigenvalues {
  const h = Float64Array.from(a);
  balance(h, n);
  toHessenberg(h, n);
  return hessenbergQr(h, n);
}

/** Diagonal similarity scaling by powers of 2 so that row and column norms are comparable. */
function balance(a: Float64Array, n: number): void {
  const radix = 2;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j * n + i]!);
        r += Math.abs(a[i * n + j]!);
      }
      if (c === 0 || r === 0) continue;
      let g = r / radix;
      let f = 1;
      const s = c + r;
      while (c < g) {
        f *= radix;
        c *= radix * radix;
      }
      g = r * radix;
      while (c > g) {
        f /= radix;
        c /= radix * radix;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        for (let j = 0; j < n; j++) a[i * n + j]! /= f;
        for (let j = 0; j < n; j++) a[j * n + i]! *= f;
      }
    }
  }
}

/** Householder similarity reduction to upper Hessenberg form, in place. */
function toHessenberg(a: Float64Array, n: number): void {
  const v = new Float64Array(n);
  const s = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k]! ** 2;
    const x0 = a[(k + 1) * n + k]!;
    if (norm2 === x0 * x0) continue;
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k]!;
    v[k + 1] = x0 - alpha;
    const beta = 2 / (norm2 - x0 * x0 + v[k + 1]! ** 2);
    // A ← (I − β v v') A on rows k+1.., columns k..: s = β v'A accumulated row by row
    s.fill(0, k, n);
    for (let i = k + 1; i < n; i++) {
      const vi = v[i]!;
      const row = i * n;
      for (let j = k; j < n; j++) s[j]! += vi * a[row + j]!;
    }
    for (let i = k + 1; i < n; i++) {
      const f = beta * v[i]!;
      const row = i * n;
      for (let j = k; j < n; j++) a[row + j]! -= f * s[j]!;
    }
    // A ← A (I − β v v') on all rows, columns k+1..
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let dot = 0;
      for (let j = k + 1; j < n; j++) dot += a[row + j]! * v[j]!;
      dot *= beta;
      if (dot !== 0) for (let j = k + 1; j < n; j++) a[row + j]! -= dot * v[j]!;
    }
    for (let i = k + 2; i < n; i++) a[i * n + k] = 0;
  }
}

function sign(a: number, b: number): number {
  return b >= 0 ? Math.abs(a) : -Math.abs(a);
}

/** Francis double-shift QR on an upper Hessenberg matrix (destroyed), eigenvalues only. */
function hessenbergQr(h: Float64Array, n: number): Eigenvalues {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const at = (i: number, j: number): number => h[i * n + j]!;
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(at(i, j));
  let nn = n - 1;
  let shift = 0;
  while (nn >= 0) {
    let iterations = 0;
    for (;;) {
      // smallest l with a negligible subdiagonal h[l][l-1]: the active block is l..nn
      let l = nn;
      for (; l >= 1; l--) {
        let s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
        if (s === 0) s = norm;
        if (Math.abs(at(l, l - 1)) + s === s) {
          h[l * n + l - 1] = 0;
          break;
        }
      }
      let x = at(nn, nn);
      if (l === nn) {
        re[nn] = x + shift;
        im[nn] = 0;
        nn -= 1;
        break;
      }
      let y = at(nn - 1, nn - 1);
      let w = at(nn, nn - 1) * at(nn - 1, nn);
      if (l === nn - 1) {
        const p = 0.5 * (y - x);
        const q = p * p + w;
        let z = Math.sqrt(Math.abs(q));
        x += shift;
        if (q >= 0) {
          z = p + sign(z, p);
          re[nn - 1] = re[nn] = x + z;
          if (z !== 0) re[nn] = x - w / z;
          im[nn - 1] = im[nn] = 0;
        } else {
          re[nn - 1] = re[nn] = x + p;
          im[nn - 1] = z;
          im[nn] = -z;
        }
        nn -= 2;
        break;
      }
      if (iterations >= 60) {
        throw new SpilloverError('NON_CONVERGENCE', 'eigenvalue QR iteration did not converge');
      }
      if (iterations === 10 || iterations === 20) {
        // exceptional shift (Wilkinson & Reinsch)
        shift += x;
        for (let i = 0; i <= nn; i++) h[i * n + i]! -= x;
        const s = Math.abs(at(nn, nn - 1)) + Math.abs(at(nn - 1, nn - 2));
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      iterations++;
      // look for two consecutive small subdiagonal elements
      let m = nn - 2;
      let p = 0;
      let q = 0;
      let r = 0;
      for (; m >= l; m--) {
        const z = at(m, m);
        const rr = x - z;
        const ss = y - z;
        p = (rr * ss - w) / at(m + 1, m) + at(m, m + 1);
        q = at(m + 1, m + 1) - z - rr - ss;
        r = at(m + 2, m + 1);
        const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        const u = Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r));
        const v = Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1)));
        if (u + v === v) break;
      }
      for (let i = m + 2; i <= nn; i++) {
        h[i * n + i - 2] = 0;
        if (i !== m + 2) h[i * n + i - 3] = 0;
      }
      // double-shift QR step on rows and columns m..nn
      for (let k = m; k <= nn - 1; k++) {
        if (k !== m) {
          p = at(k, k - 1);
          q = at(k + 1, k - 1);
          r = k !== nn - 1 ? at(k + 2, k - 1) : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x !== 0) {
            p /= x;
            q /= x;
            r /= x;
          }
        }
        const s = sign(Math.sqrt(p * p + q * q + r * r), p);
        if (s === 0) continue;
        if (k === m) {
          if (l !== m) h[k * n + k - 1] = -at(k, k - 1);
        } else h[k * n + k - 1] = -s * x;
        p += s;
        x = p / s;
        y = q / s;
        const z = r / s;
        q /= p;
        r /= p;
        const r0 = k * n;
        const r1 = r0 + n;
        const r2 = r1 + n;
        if (k !== nn - 1) {
          for (let j = k; j <= nn; j++) {
            const t = h[r0 + j]! + q * h[r1 + j]! + r * h[r2 + j]!;
            h[r2 + j]! -= t * z;
            h[r1 + j]! -= t * y;
            h[r0 + j]! -= t * x;
          }
        } else {
          for (let j = k; j <= nn; j++) {
            const t = h[r0 + j]! + q * h[r1 + j]!;
            h[r1 + j]! -= t * y;
            h[r0 + j]! -= t * x;
          }
        }
        const last = Math.min(nn, k + 3);
        if (k !== nn - 1) {
          for (let i = l, c = l * n + k; i <= last; i++, c += n) {
            const t = x * h[c]! + y * h[c + 1]! + z * h[c + 2]!;
            h[c + 2]! -= t * r;
            h[c + 1]! -= t * q;
            h[c]! -= t;
          }
        } else {
          for (let i = l, c = l * n + k; i <= last; i++, c += n) {
            const t = x * h[c]! + y * h[c + 1]!;
            h[c + 1]! -= t * q;
            h[c]! -= t;
          }
        }
      }
    }
  }
  return { re, im };
}
