import { describe, expect, it } from 'vitest';
import { logAbsDeterminant } from '../../linalg/dense.js';
import { createRng } from '../../stats/random.js';
import { generalEigenvalues } from './general.js';
import { symmetricEigenvalues } from './symmetric.js';
import { knnWeights } from '../weights/build.js';
import { matchWeights } from '../weights/match.js';
import { denseWeights } from '../weights/types.js';
import { logDetKernel, weightsSpectrum, logDet, traceG } from '../spectrum.js';
import { SparseLu } from '../sparse/lu.js';

describe('eigenvalue solvers', () => {
  it('symmetric: a known tridiagonal matrix (eigenvalues 2 − 2cos(kπ/(n+1)))', () => {
    const n = 12;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const ev = symmetricEigenvalues(a, n);
    for (let k = 1; k <= n; k++) expect(ev[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 13);
  });

  it('general: a rotation-like matrix with complex eigenvalues and a companion matrix', () => {
    // [[0, -1], [1, 0]] ⊕ [[2]] : ±i and 2
    const a = new Float64Array([0, -1, 0, 1, 0, 0, 0, 0, 2]);
    const { re, im } = generalEigenvalues(a, 3);
    const pairs = Array.from(re, (r, i) => [r, im[i]!]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
    expect(pairs[0]![0]).toBeCloseTo(0, 14);
    expect(Math.abs(pairs[0]![1]!)).toBeCloseTo(1, 14);
    expect(pairs[2]).toEqual([2, 0]);
    // companion matrix of (x−1)(x−2)(x−3)(x−4) = x⁴ − 10x³ + 35x² − 50x + 24
    const c = new Float64Array([10, -35, 50, -24, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    const roots = Array.from(generalEigenvalues(c, 4).re).sort((x, y) => x - y);
    roots.forEach((r, i) => expect(r).toBeCloseTo(i + 1, 10));
  });

  it('log|I − ρW| from eigenvalues and from the sparse LU equals a dense LU; the LU derivatives are −tr(G), −tr(G²), for a non-symmetric kNN W', () => {
    const rng = createRng(7);
    const n = 60;
    const ids = Array.from({ length: n }, (_, i) => `u${i}`);
    const w = matchWeights(
      knnWeights(
        {
          ids,
          x: Array.from({ length: n }, () => rng.next()),
          y: Array.from({ length: n }, () => rng.next()),
        },
        4,
      ),
      ids,
    );
    const s = weightsSpectrum(w);
    expect(s.method).toBe('general');
    const lu = new SparseLu(w);
    const d = denseWeights(w);
    for (const rho of [-0.7, -0.2, 0.3, 0.6, 0.85]) {
      const a = Float64Array.from(d, (v, q) => (q % (n + 1) === 0 ? 1 : 0) - rho * v);
      const exact = logAbsDeterminant(a, n);
      expect(Math.abs(logDet(s, rho) - exact)).toBeLessThan(1e-11);
      const f = lu.factor(rho, 2);
      expect(Math.abs(f.logDet - exact)).toBeLessThan(1e-11);
      const t = traceG(s, rho);
      expect(Math.abs(f.d1 + t.tr)).toBeLessThan(1e-11 * Math.max(1, Math.abs(t.tr)));
      expect(Math.abs(f.d2 + t.tr2)).toBeLessThan(1e-11 * Math.max(1, Math.abs(t.tr2)));
    }
    expect(logDetKernel(w).method).toBe('general');
  });
});
