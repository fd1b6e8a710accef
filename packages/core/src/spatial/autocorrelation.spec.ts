import { describe, expect, it } from 'vitest';
import { createRng } from '../stats/random.js';
import {
  gearyTest,
  localMoran,
  moranI,
  moranPermutationP,
  moranTest,
  weightsMoments,
} from './autocorrelation.js';
import { matchWeights } from './weights/match.js';
import type { WeightTriplets } from './weights/types.js';

/** A path graph 0 – 1 – … – (n−1), row-standardised. */
function path(n: number) {
  const ids = Array.from({ length: n }, (_, i) => `p${i}`);
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    from.push(i, i + 1);
    to.push(i + 1, i);
  }
  const t: WeightTriplets = {
    ids,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    weight: new Float64Array(from.length).fill(1),
    label: 'path',
  };
  return matchWeights(t, ids);
}

describe('spatial autocorrelation', () => {
  const w = path(30);
  const trend = Float64Array.from({ length: 30 }, (_, i) => i + Math.sin(i));
  const alternating = Float64Array.from({ length: 30 }, (_, i) => (i % 2 ? 1 : -1) * (1 + i / 100));

  it("Moran's I and Geary's C agree on the sign of autocorrelation", () => {
    const m = moranTest(w, trend);
    const g = gearyTest(w, trend);
    expect(m.statistic).toBeGreaterThan(0.8);
    expect(m.z).toBeGreaterThan(3);
    expect(g.statistic).toBeLessThan(0.2);
    expect(g.z).toBeGreaterThan(3);
    expect(moranTest(w, alternating).z).toBeLessThan(-3);
    expect(gearyTest(w, alternating).z).toBeLessThan(-3);
    expect(m.expectation).toBeCloseTo(-1 / 29, 15);
  });

  it('local Moran values sum to S0·I and fall in the right quadrants', () => {
    const local = localMoran(w, trend);
    const sum = local.reduce((s, l) => s + l.I, 0);
    expect(sum).toBeCloseTo(weightsMoments(w).s0 * moranI(w, trend), 12);
    expect(local[0]!.quadrant).toBe('LL');
    expect(local[29]!.quadrant).toBe('HH');
    expect(localMoran(w, alternating)[10]!.quadrant).toBe('LH');
  });

  it('permutation p-values are seeded and small for a strong pattern', () => {
    const a = moranPermutationP(w, trend, 199, createRng(5));
    expect(a).toBe(moranPermutationP(w, trend, 199, createRng(5)));
    expect(a).toBe(1 / 200);
  });
});
