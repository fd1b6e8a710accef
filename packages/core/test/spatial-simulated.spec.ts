/** Simulated SDM/SAR panels: the estimators recover a known truth; eigenvalue and sparse-LU routes agree. */
import { describe, expect, it } from 'vitest';
import { RegressionSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { EIGEN_LIMIT } from '../src/spatial/spectrum.js';
import { FROBENIUS_EXACT_LIMIT } from '../src/spatial/models/g-traces.js';
import { simulateSdmPanel } from '../bench/simulate.js';

const base = {
  kind: 'regression',
  unit: 'unit',
  time: 'time',
  y: 'y',
  x: ['x1', 'x2', 'x3', 'x4'],
  effects: 'twoways',
  weights: { path: 'W.csv', style: 'row' },
};

describe('simulated spatial panels', () => {
  const sim = simulateSdmPanel(150, 20, 3);
  const panel = parsePanelCsv(sim.panelCsv, 'unit', 'time');
  const inputs = { panelCsv: sim.panelCsv, weightsText: sim.weightsCsv, weightsName: 'W.csv' };

  it('SDM recovers rho, beta and theta within 4 standard errors; impacts are seeded', () => {
    const spec = RegressionSpec.parse({ ...base, model: 'sdm', impacts: { draws: 500, seed: 3 } });
    const r = fitSpatialRegression(spec, panel, inputs);
    expect(Math.abs(r.rho!.estimate - sim.truth.rho)).toBeLessThan(4 * r.rho!.se!);
    spec.x.forEach((name, j) => {
      const b = r.coefficients[name]!;
      const t = r.coefficients[`W*${name}`]!;
      expect(Math.abs(b.estimate - sim.truth.beta[j]!)).toBeLessThan(4 * b.se!);
      expect(Math.abs(t.estimate - sim.truth.theta[j]!)).toBeLessThan(4 * t.se!);
    });
    const again = fitSpatialRegression(spec, panel, inputs);
    expect(again.impacts).toEqual(r.impacts);
    // total effect of x1 = (β + θ)/(1 − ρ)
    const c = r.coefficients;
    expect(r.impacts!.total['x1']!.estimate).toBeCloseTo(
      (c['x1']!.estimate + c['W*x1']!.estimate) / (1 - r.rho!.estimate),
      12,
    );
  });

  it('the sparse-LU route (large or non-symmetric W) gives the eigenvalue route numbers, impacts included', () => {
    const spec = RegressionSpec.parse({ ...base, model: 'sdm', impacts: { draws: 300, seed: 1 } });
    const sparse = fitSpatialRegression(spec, panel, inputs);
    const saved = EIGEN_LIMIT.general;
    EIGEN_LIMIT.general = 1000;
    let eigen: ReturnType<typeof fitSpatialRegression>;
    try {
      eigen = fitSpatialRegression(spec, panel, inputs);
    } finally {
      EIGEN_LIMIT.general = saved;
    }
    const close = (a: number, b: number, rel: number): void =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));
    close(sparse.rho!.estimate, eigen.rho!.estimate, 1e-12);
    close(sparse.rho!.se!, eigen.rho!.se!, 1e-10);
    close(sparse.logLik!, eigen.logLik!, 1e-12);
    close(sparse.coefficients['W*x2']!.se!, eigen.coefficients['W*x2']!.se!, 1e-10);
    for (const part of ['direct', 'indirect', 'total'] as const) {
      for (const name of spec.x) {
        close(sparse.impacts![part][name]!.estimate, eigen.impacts![part][name]!.estimate, 1e-11);
        // simulated SEs: same draws, traces interpolated to ~1e-11 over the drawn range
        close(sparse.impacts![part][name]!.se!, eigen.impacts![part][name]!.se!, 1e-8);
      }
    }
    expect(sparse.warnings).toBeUndefined();
  });

  it('above the exact tr(G′G) limit a fit states the Hutchinson estimate and its error in its warnings', () => {
    const spec = RegressionSpec.parse({ ...base, model: 'sar' });
    const exact = fitSpatialRegression(spec, panel, inputs);
    const saved = FROBENIUS_EXACT_LIMIT.n;
    FROBENIUS_EXACT_LIMIT.n = 100;
    try {
      const approx = fitSpatialRegression(spec, panel, inputs);
      expect(approx.warnings?.join(' ')).toMatch(/Hutchinson estimate .* relative standard error/);
      expect(approx.rho!.estimate).toBe(exact.rho!.estimate);
      expect(Math.abs(approx.rho!.se! - exact.rho!.se!)).toBeLessThan(0.02 * exact.rho!.se!);
    } finally {
      FROBENIUS_EXACT_LIMIT.n = saved;
    }
  });

  it('cluster-robust SEs are finite and differ from the classical ones', () => {
    const classical = fitSpatialRegression(RegressionSpec.parse({ ...base, model: 'sar' }), panel, inputs);
    const cluster = fitSpatialRegression(
      RegressionSpec.parse({ ...base, model: 'sar', vcov: 'cluster' }),
      panel,
      inputs,
    );
    expect(cluster.rho!.estimate).toBe(classical.rho!.estimate);
    expect(Number.isFinite(cluster.rho!.se)).toBe(true);
    expect(cluster.coefficients['x1']!.se).not.toBe(classical.coefficients['x1']!.se);
  });

  it('an unbalanced panel is an UNBALANCED_PANEL error naming the missing unit-periods', () => {
    const lines = sim.panelCsv.split('\n').filter((l) => !l.startsWith('u7,2003,'));
    const p = parsePanelCsv(lines.join('\n'), 'unit', 'time');
    expect(() => fitSpatialRegression(RegressionSpec.parse({ ...base, model: 'sar' }), p, inputs)).toThrow(
      /UNBALANCED|balanced panel.*u7 2003/,
    );
  });
});
