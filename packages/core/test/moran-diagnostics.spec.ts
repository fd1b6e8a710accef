/**
 * Moran diagnostics beyond the global I: Geary's C per period, permutation p-values and LISA
 * clusters on the Produc panel; the randomisation moments of Geary's C and the local Moran I_i are
 * checked against their Monte Carlo permutation distribution.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MoranSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { runMoran } from '../src/analysis/moran.js';
import { createRng } from '../src/stats/random.js';
import { gearyTest, localMoran, localMoranPermutationP, moranTest } from '../src/spatial/autocorrelation.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { parseWeights } from '../src/spatial/weights/parse.js';

const folder = resolve(__dirname, '../../../../shared/fixtures/produc');
const panelCsv = readFileSync(resolve(folder, 'panel.csv'), 'utf8');
const weightsText = readFileSync(resolve(folder, 'W.csv'), 'utf8');
const inputs = { panelCsv, weightsText, weightsName: 'W.csv' };
const panel = parsePanelCsv(panelCsv, 'state', 'year');
const base = {
  kind: 'moran',
  unit: 'state',
  time: 'year',
  variable: 'unemp',
  weights: { path: 'W.csv', style: 'row' },
};
const run = (extra: Record<string, unknown>) =>
  runMoran(MoranSpec.parse({ ...base, ...extra }), panel, inputs);

describe('Moran diagnostics', () => {
  it("reports Geary's C per period, consistent with gearyTest on that cross-section", () => {
    const r = run({});
    expect(r.byTime).toHaveLength(17);
    for (const period of r.byTime) {
      const g = period.geary!;
      expect(g.expectation).toBe(1);
      expect(g.z).toBeCloseTo((1 - g.C) / Math.sqrt(g.variance), 12);
      // unemployment clusters in space: C < 1 and I > 0 together
      expect(Math.sign(1 - g.C)).toBe(Math.sign(period.I - period.expectation));
    }
    expect(r.lisa).toBeUndefined();
  });

  it('permutation p-values are seeded per period and reproducible', () => {
    const a = run({ permutations: { reps: 199, seed: 4 } });
    const b = run({ permutations: { reps: 199, seed: 4 } });
    expect(a.byTime.map((p) => p.pPermutation)).toEqual(b.byTime.map((p) => p.pPermutation));
    for (const p of a.byTime) {
      expect(p.pPermutation! * 200).toBeCloseTo(Math.round(p.pPermutation! * 200), 9);
      // a strong pattern (normal p < 0.001) is never beaten by a permutation
      if (p.p < 1e-3) expect(p.pPermutation).toBe(1 / 200);
    }
  });

  it('LISA of the last period by default, of a chosen period, with clusters at alpha', () => {
    const r = run({ lisa: {} });
    expect(r.lisa!.time).toBe(1986);
    expect(r.lisa!.alpha).toBe(0.05);
    expect(r.lisa!.units).toHaveLength(48);
    for (const u of r.lisa!.units) expect(u.cluster).toBe(u.p < 0.05 ? u.quadrant : 'not significant');
    const chosen = run({ lisa: { time: 1975, alpha: 0.1, permutations: 499, seed: 9 } });
    expect(chosen.lisa!.time).toBe(1975);
    expect(chosen.lisa!.permutations).toBe(499);
    const again = run({ lisa: { time: '1975', alpha: 0.1, permutations: 499, seed: 9 } });
    expect(again.lisa).toEqual(chosen.lisa);
    for (const u of chosen.lisa!.units)
      expect(u.cluster).toBe(u.pPermutation! < 0.1 ? u.quadrant : 'not significant');
    const clusters = new Set(chosen.lisa!.units.map((u) => u.cluster));
    expect(clusters.has('HH') || clusters.has('LL')).toBe(true);
    expect(() => run({ lisa: { time: 1900 } })).toThrow(/lisa.time: period 1900 is not in the sample/);
  });

  it('randomisation moments of Moran I, Geary C and local I_i equal their permutation moments', () => {
    const units = [...new Set(panel.units)];
    const w = matchWeights(parseWeights(weightsText, 'W.csv'), units, { style: 'row' });
    const rng = createRng(21);
    const x = Float64Array.from({ length: w.n }, () => Math.exp(rng.normal()));
    const reps = 20000;
    const perm = Float64Array.from(x);
    const stats = { I: [0, 0], C: [0, 0], L: [0, 0] };
    const i0 = 5;
    for (let r = 0; r < reps; r++) {
      for (let i = perm.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      const values = {
        I: moranTest(w, perm).statistic,
        C: gearyTest(w, perm).statistic,
        L: localMoran(w, perm)[i0]!.I,
      };
      for (const key of ['I', 'C', 'L'] as const) {
        stats[key][0]! += values[key];
        stats[key][1]! += values[key] ** 2;
      }
    }
    const moments = (key: 'I' | 'C' | 'L') => {
      const mean = stats[key][0]! / reps;
      return { mean, variance: stats[key][1]! / reps - mean * mean };
    };
    const m = moranTest(w, x);
    const g = gearyTest(w, x);
    const l = localMoran(w, x)[i0]!;
    // Monte Carlo error of a variance from 20,000 draws: a few per cent
    expect(Math.abs(moments('I').variance / m.variance - 1)).toBeLessThan(0.05);
    expect(Math.abs(moments('C').variance / g.variance - 1)).toBeLessThan(0.05);
    expect(Math.abs(moments('L').variance / l.variance - 1)).toBeLessThan(0.06);
    expect(Math.abs(moments('C').mean - 1)).toBeLessThan(3 * Math.sqrt(g.variance / reps));
    expect(Math.abs(moments('L').mean - l.expectation)).toBeLessThan(4 * Math.sqrt(l.variance / reps));
  });

  it('local permutation p-values: seeded, and the exact conditional probability for a single neighbour', () => {
    // a path 0 – 1 – … – 29: unit 0's one neighbour is drawn uniformly from the other 29 values
    const n = 30;
    const ids = Array.from({ length: n }, (_, i) => `p${i}`);
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i + 1 < n; i++) (from.push(i, i + 1), to.push(i + 1, i));
    const w = matchWeights(
      {
        ids,
        from: Int32Array.from(from),
        to: Int32Array.from(to),
        weight: new Float64Array(from.length).fill(1),
        label: 'path',
      },
      ids,
    );
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 3) + i / 20);
    const reps = 20000;
    const p = localMoranPermutationP(w, x, reps, createRng(3));
    expect(p).toEqual(localMoranPermutationP(w, x, reps, createRng(3)));
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const z = Array.from(x, (v) => v - mean);
    // I_0 ∝ z_0 z_1; as extreme in its direction: z_0 z_j ≥ z_0 z_1 (when positive)
    const observed = z[0]! * z[1]!;
    const exact =
      z.slice(1).filter((zj) => (observed >= 0 ? z[0]! * zj >= observed : z[0]! * zj <= observed)).length /
      (n - 1);
    expect(Math.abs(p[0]! - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / reps) + 1 / reps);
    for (const v of p) expect(v > 0 && v <= 1).toBe(true);
  });
});
