import { describe, expect, it } from 'vitest';
import { identity, invertGeneral, logAbsDeterminant } from '../../linalg/dense.js';
import { createRng } from '../../stats/random.js';
import { knnWeights } from '../weights/build.js';
import { matchWeights } from '../weights/match.js';
import { denseWeights, type SpatialWeights, type WeightTriplets } from '../weights/types.js';
import { logDetKernel, EIGEN_LIMIT } from '../spectrum.js';
import { chebyshevInterpolant } from '../chebyshev.js';
import { SparseLu } from './lu.js';
import { nestedDissection } from './ordering.js';

function knn(n: number, k: number, seed: number, style: 'row' | 'none' = 'row'): SpatialWeights {
  const rng = createRng(seed);
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  return matchWeights(
    knnWeights(
      { ids, x: Array.from({ length: n }, () => rng.next()), y: Array.from({ length: n }, () => rng.next()) },
      k,
    ),
    ids,
    { style },
  );
}

function iMinus(w: SpatialWeights, rho: number): Float64Array {
  const a = identity(w.n);
  const d = denseWeights(w);
  for (let q = 0; q < a.length; q++) a[q]! -= rho * d[q]!;
  return a;
}

/** Two separate rings plus an island: a disconnected, symmetric pattern. */
function rings(): SpatialWeights {
  const ids = Array.from({ length: 41 }, (_, i) => `r${i}`);
  const from: number[] = [];
  const to: number[] = [];
  for (const [start, size] of [
    [0, 25],
    [25, 15],
  ] as const) {
    for (let i = 0; i < size; i++) {
      from.push(start + i);
      to.push(start + ((i + 1) % size));
      from.push(start + ((i + 1) % size));
      to.push(start + i);
    }
  }
  const t: WeightTriplets = {
    ids,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    weight: new Float64Array(from.length).fill(1),
    label: 'rings',
  };
  return matchWeights(t, ids, { style: 'row', allowIslands: true });
}

describe('sparse LU of I − ρW', () => {
  it('nested dissection returns a permutation', () => {
    const w = knn(500, 6, 2);
    const lu = new SparseLu(w);
    expect(lu.factorEntries).toBeLessThan(60 * w.n);
    const order = nestedDissection({ n: 7, ptr: new Int32Array(8), adj: new Int32Array(0) });
    expect(Array.from(order).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('log|I − ρW| and its derivatives match a dense LU and finite differences (kNN, unstandardised, disconnected)', () => {
    for (const w of [knn(130, 5, 3), knn(90, 4, 4, 'none'), rings()]) {
      const lu = new SparseLu(w);
      const bound = w.style === 'row' ? 1 : 0.24; // |ρ|·‖W‖∞ < 1 (row sums of the unstandardised kNN W are 4)
      for (const rho of [-0.9 * bound, -0.3 * bound, 0.2 * bound, 0.6 * bound, 0.97 * bound]) {
        const f = lu.factor(rho, 2);
        expect(Math.abs(f.logDet - logAbsDeterminant(iMinus(w, rho), w.n))).toBeLessThan(1e-11);
        const h = 1e-5;
        const up = lu.factor(rho + h, 0).logDet;
        const down = lu.factor(rho - h, 0).logDet;
        const scale = Math.max(1, Math.abs(f.d1), Math.abs(f.d2));
        expect(Math.abs(f.d1 - (up - down) / (2 * h))).toBeLessThan(1e-6 * scale);
        expect(Math.abs(f.d2 - (up - 2 * f.logDet + down) / (h * h))).toBeLessThan(2e-3 * scale);
      }
    }
  });

  it('solves and inverse columns match a dense inverse', () => {
    const w = knn(120, 6, 5);
    const lu = new SparseLu(w);
    const rho = 0.73;
    const inv = invertGeneral(iMinus(w, rho), w.n);
    const rng = createRng(9);
    const m = 3;
    const b = Float64Array.from({ length: w.n * m }, () => rng.normal());
    const x = lu.solveMany(rho, b, m);
    let err = 0;
    for (let i = 0; i < w.n; i++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let j = 0; j < w.n; j++) s += inv[i * w.n + j]! * b[j * m + c]!;
        err = Math.max(err, Math.abs(s - x[i * m + c]!));
      }
    }
    expect(err).toBeLessThan(1e-12);
    // every column of the inverse once, as sums of the entries
    let total = 0;
    for (let start = 0; start < w.n; start += 8) {
      const cols = lu.inverseColumns(rho, start, Math.min(8, w.n - start));
      for (const v of cols) total += v;
    }
    const exact = inv.reduce((s, v) => s + v, 0);
    expect(Math.abs(total - exact)).toBeLessThan(1e-10 * exact);
  });
});

describe('inverse traces over the drawn range of ρ (impacts)', () => {
  it('the Chebyshev interpolant of the sparse route is within 1e-10 of exact values (N = 285)', () => {
    const w = knn(285, 6, 1);
    const kernel = logDetKernel(w);
    expect(kernel.method).toBe('sparse-lu');
    for (const [lo, hi] of [
      [0.33, 0.45],
      [-0.2, 0.6],
      [0.8, 0.95],
    ] as const) {
      const f = kernel.inverseTracesOn(lo, hi);
      for (let q = 0; q <= 10; q++) {
        const rho = lo + ((hi - lo) * q) / 10 + (q === 10 ? 0 : 0.003);
        const exact = kernel.inverseTraces(rho);
        const approx = f(rho);
        expect(Math.abs(approx.a - exact.a)).toBeLessThan(1e-10 * Math.abs(exact.a));
        expect(Math.abs(approx.aw - exact.aw)).toBeLessThan(1e-10 * Math.abs(exact.aw));
      }
    }
  });

  it('eigen and sparse routes agree on the traces and log-determinant', () => {
    const w = knn(80, 6, 11);
    const saved = EIGEN_LIMIT.general;
    const eigen = logDetKernel(w);
    EIGEN_LIMIT.general = 10;
    try {
      const sparse = logDetKernel(w);
      expect(eigen.method).toBe('general');
      expect(sparse.method).toBe('sparse-lu');
      for (const rho of [-0.5, 0.1, 0.9]) {
        expect(Math.abs(sparse.logDet(rho) - eigen.logDet(rho))).toBeLessThan(1e-11);
        const a = sparse.traceG(rho);
        const b = eigen.traceG(rho);
        expect(Math.abs(a.tr - b.tr)).toBeLessThan(1e-11 * Math.abs(b.tr) + 1e-12);
        expect(Math.abs(a.tr2 - b.tr2)).toBeLessThan(1e-11 * Math.abs(b.tr2));
      }
    } finally {
      EIGEN_LIMIT.general = saved;
    }
  });

  it('chebyshevInterpolant resolves an analytic function and gives up on a non-smooth one', () => {
    const f = chebyshevInterpolant((x) => Math.exp(x) / (1.5 - x), -1, 1)!;
    for (const x of [-1, -0.3, 0.2, 0.77, 1]) {
      expect(Math.abs(f(x) - Math.exp(x) / (1.5 - x))).toBeLessThan(1e-10);
    }
    expect(chebyshevInterpolant((x) => Math.abs(x - 0.1), -1, 1)).toBeNull();
  });
});
