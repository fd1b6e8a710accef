/**
 * Within 2SLS on a simulated panel with an endogenous regressor and a valid instrument.
 */
import { describe, expect, it } from 'vitest';
import type { RegressionResult } from '@spillover/contracts';
import { createRng, parseAnalysisSpec, runAnalysis } from '../src/index.js';

/** y = α_i + 1.0 x + 0.5 w + u, x = α_i + z + 0.8 u + e: x is endogenous, z a valid instrument. */
function simulate(units: number, periods: number): string {
  const rng = createRng(99);
  const lines = ['unit,t,y,x,w,z'];
  for (let i = 0; i < units; i++) {
    const alpha = rng.normal();
    for (let t = 0; t < periods; t++) {
      const z = rng.normal();
      const w = rng.normal();
      const u = rng.normal();
      const x = alpha + z + 0.8 * u + 0.5 * rng.normal();
      lines.push(`u${i},${t},${alpha + x + 0.5 * w + u},${x},${w},${z}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('within two-stage least squares', () => {
  const panelCsv = simulate(300, 8);
  const base = {
    kind: 'regression',
    unit: 'unit',
    time: 't',
    y: 'y',
    x: ['x', 'w'],
    model: 'fe',
    effects: 'unit',
  };

  it('removes the bias of the fixed-effects estimator', () => {
    const fe = runAnalysis(parseAnalysisSpec(base), { panelCsv }) as RegressionResult;
    const iv = runAnalysis(parseAnalysisSpec({ ...base, instruments: { x: ['z'] } }), {
      panelCsv,
    }) as RegressionResult & {
      firstStage: Record<string, { F: number; df1: number; df2: number }>;
    };
    expect(fe.coefficients.x!.estimate - 1).toBeGreaterThan(0.2);
    expect(Math.abs(iv.coefficients.x!.estimate - 1)).toBeLessThan(4 * iv.coefficients.x!.se!);
    expect(Math.abs(iv.coefficients.w!.estimate - 0.5)).toBeLessThan(4 * iv.coefficients.w!.se!);
    expect(iv.df).toBe(2400 - 300 - 2);
    expect(iv.firstStage.x!.F).toBeGreaterThan(100);
    expect(iv.firstStage.x!.df2).toBe(2400 - 300 - 2);
  });

  it('uses the lag of the instrument by unit and drops the first period', () => {
    const iv = runAnalysis(parseAnalysisSpec({ ...base, instruments: { x: ['L.z'] } }), {
      panelCsv,
    }) as RegressionResult;
    expect(iv.nobs).toBe(300 * 7);
    expect(iv.nperiods).toBe(7);
    expect(iv.droppedRows).toBe(300);
  });

  it('gives cluster-robust errors with t(G − 1)', () => {
    const iv = runAnalysis(parseAnalysisSpec({ ...base, vcov: 'cluster', instruments: { x: ['z'] } }), {
      panelCsv,
    }) as RegressionResult;
    expect(iv.df).toBe(299);
    expect(iv.coefficients.x!.se!).toBeGreaterThan(0);
  });
});
