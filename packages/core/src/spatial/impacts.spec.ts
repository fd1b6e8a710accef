import { describe, expect, it } from 'vitest';
import { identity, invertGeneral } from '../linalg/dense.js';
import { createRng } from '../stats/random.js';
import { knnWeights } from './weights/build.js';
import { matchWeights } from './weights/match.js';
import { denseWeights } from './weights/types.js';
import { logDetKernel } from './spectrum.js';
import { ImpactKernel } from './impacts.js';

describe('impact kernel of a W that is not row-standardised', () => {
  const rng = createRng(21);
  const n = 160;
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  const w = matchWeights(
    knnWeights(
      { ids, x: Array.from({ length: n }, () => rng.next()), y: Array.from({ length: n }, () => rng.next()) },
      4,
    ),
    ids,
    { style: 'none' },
  );
  const kernel = new ImpactKernel(w, logDetKernel(w));

  it('row-sum and diagonal means equal those of the dense inverse', () => {
    const rho = 0.17; // ‖W‖∞ = 4
    const a = identity(n);
    const d = denseWeights(w);
    for (let q = 0; q < n * n; q++) a[q]! -= rho * d[q]!;
    const inv = invertGeneral(a, n);
    let sum = 0;
    let sumW = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += inv[i * n + i]!;
      for (let j = 0; j < n; j++) {
        sum += inv[i * n + j]!;
        let wj = 0;
        for (let k = 0; k < n; k++) wj += d[j * n + k]!;
        sumW += inv[i * n + j]! * wj;
      }
    }
    const r = kernel.rowSumMeans(rho);
    expect(Math.abs(r.a - sum / n)).toBeLessThan(1e-12 * (sum / n));
    expect(Math.abs(r.aw - sumW / n)).toBeLessThan(1e-12 * (sumW / n));
    expect(Math.abs(kernel.diagonalMeans(rho).a - diag / n)).toBeLessThan(1e-12);
  });

  it('the interpolated means over a range of ρ are within 1e-10 of exact solves', () => {
    const rowSums = kernel.rowSumMeansOn(0.1, 0.2);
    const diagonal = kernel.diagonalMeansOn(0.1, 0.2);
    for (const rho of [0.1, 0.1234, 0.15, 0.19, 0.2]) {
      const exact = kernel.rowSumMeans(rho);
      const approx = rowSums(rho);
      expect(Math.abs(approx.a - exact.a)).toBeLessThan(1e-10 * exact.a);
      expect(Math.abs(approx.aw - exact.aw)).toBeLessThan(1e-10 * exact.aw);
      const d = kernel.diagonalMeans(rho);
      expect(Math.abs(diagonal(rho).aw - d.aw)).toBeLessThan(1e-10 * d.aw);
    }
  });
});
