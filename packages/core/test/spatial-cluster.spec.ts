/**
 * Cluster-robust (by unit) SEs of the spatial error models: on a simulated panel whose errors and
 * regressor are both strongly autocorrelated within units, the cluster SEs exceed the classical ones;
 * with independent errors they agree with them roughly.
 */
import { describe, expect, it } from 'vitest';
import { RegressionSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { createRng } from '../src/stats/random.js';
import { knnWeights } from '../src/spatial/weights/build.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { spatialLag } from '../src/spatial/weights/types.js';

/** y = ρWy + xβ + α_i + u, u = λWu + ε, with x and ε AR(1) within each unit (coefficient φ). */
function simulate(n: number, periods: number, phi: number, seed: number) {
  const rng = createRng(seed);
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  const coords = {
    ids,
    x: Float64Array.from({ length: n }, () => rng.next()),
    y: Float64Array.from({ length: n }, () => rng.next()),
  };
  const triplets = knnWeights(coords, 5);
  const w = matchWeights(triplets, ids, { style: 'row' });
  const [rho, lambda, beta] = [0.3, 0.4, 1];
  const alpha = Float64Array.from({ length: n }, () => rng.normal());
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const e = Float64Array.from({ length: n }, () => rng.normal());
  const solve = (c: number, b: Float64Array): Float64Array => {
    // (I − cW)⁻¹ b by fixed-point iteration (|c| < 1, row-standardised W)
    let v = Float64Array.from(b);
    for (let k = 0; k < 200; k++) {
      const wv = spatialLag(w, v);
      v = Float64Array.from(b, (bi, i) => bi + c * wv[i]!);
    }
    return v;
  };
  const rows: string[][] = ids.map(() => []);
  const s = Math.sqrt(1 - phi * phi);
  for (let t = 0; t < periods; t++) {
    for (let i = 0; i < n; i++) {
      x[i] = phi * x[i]! + s * rng.normal();
      e[i] = phi * e[i]! + s * rng.normal();
    }
    const u = solve(lambda, e);
    const y = solve(
      rho,
      Float64Array.from(u, (ui, i) => beta * x[i]! + alpha[i]! + ui),
    );
    for (let i = 0; i < n; i++) rows[i]!.push(`${ids[i]},${t},${y[i]},${x[i]}`);
  }
  const edges = ['from,to'];
  for (let k = 0; k < triplets.from.length; k++)
    edges.push(`${ids[triplets.from[k]!]},${ids[triplets.to[k]!]}`);
  return { panelCsv: ['unit,time,y,x', ...rows.flat()].join('\n'), weightsCsv: edges.join('\n') };
}

describe('cluster-robust SEs of SEM, SAC and SDEM', () => {
  const base = {
    kind: 'regression',
    unit: 'unit',
    time: 'time',
    y: 'y',
    x: ['x'],
    effects: 'unit',
    weights: { path: 'W.csv' },
  };
  const run = (sim: ReturnType<typeof simulate>, model: string, vcov: string) =>
    fitSpatialRegression(
      RegressionSpec.parse({ ...base, model, vcov }),
      parsePanelCsv(sim.panelCsv, 'unit', 'time'),
      {
        panelCsv: sim.panelCsv,
        weightsText: sim.weightsCsv,
        weightsName: 'W.csv',
      },
    );

  it.each(['sem', 'sac', 'sdem'])(
    '%s: unit-correlated errors give larger cluster SEs than classical ones',
    (model) => {
      const sim = simulate(80, 20, 0.9, 11);
      const classical = run(sim, model, 'classical');
      const cluster = run(sim, model, 'cluster');
      expect(cluster.vcov).toBe('cluster');
      // same estimates, different SEs
      expect(cluster.coefficients['x']!.estimate).toBe(classical.coefficients['x']!.estimate);
      const ratio = cluster.coefficients['x']!.se! / classical.coefficients['x']!.se!;
      expect(ratio).toBeGreaterThan(1.5);
      expect(cluster.lambda!.se! / classical.lambda!.se!).toBeGreaterThan(1);
      if (model === 'sdem')
        expect(cluster.coefficients['W*x']!.se! / classical.coefficients['W*x']!.se!).toBeGreaterThan(1.5);
    },
  );

  it.each(['sem', 'sdem', 'sac'])(
    '%s with unit effects and leeYu: cluster SEs of the transformed likelihood',
    (model) => {
      const sim = simulate(80, 20, 0.9, 11);
      const run2 = (vcov: string, leeYu: boolean) =>
        fitSpatialRegression(
          RegressionSpec.parse({ ...base, model, vcov, leeYu }),
          parsePanelCsv(sim.panelCsv, 'unit', 'time'),
          {
            panelCsv: sim.panelCsv,
            weightsText: sim.weightsCsv,
            weightsName: 'W.csv',
          },
        );
      const direct = run2('cluster', false).coefficients['x']!;
      const corrected = run2('cluster', true).coefficients['x']!;
      const classical = run2('classical', true).coefficients['x']!;
      // unit effects only: the same β; the sandwich's β block barely depends on T vs T − 1
      expect(corrected.estimate).toBeCloseTo(direct.estimate, 7);
      expect(Math.abs(corrected.se! / direct.se! - 1)).toBeLessThan(0.02);
      expect(corrected.se! / classical.se!).toBeGreaterThan(1.5);
    },
  );

  it('with independent errors the cluster SEs stay close to the classical ones', () => {
    const sim = simulate(80, 20, 0, 12);
    const ratio =
      run(sim, 'sem', 'cluster').coefficients['x']!.se! / run(sim, 'sem', 'classical').coefficients['x']!.se!;
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
  });
});
