/**
 * Estimators on simulated panels with a known truth: two-way fixed effects (balanced and unbalanced,
 * the latter equal to the dummy-variable regression), random effects, and cluster SEs.
 */
import { describe, expect, it } from 'vitest';
import type { RegressionResult } from '@spillover/contracts';
import { parseAnalysisSpec, runAnalysis, solveSpd, crossProduct, crossProductVector } from '../src/index.js';
import { simulatePanel } from './simulated-panel.js';

function fit(csv: string, fields: Record<string, unknown>): RegressionResult {
  const spec = parseAnalysisSpec({
    kind: 'regression',
    unit: 'region',
    time: 'year',
    y: 'y',
    x: ['x1', 'x2'],
    ...fields,
  });
  return runAnalysis(spec, { panelCsv: csv }) as RegressionResult;
}

/** OLS of y on [x1, x2, unit dummies, time dummies (first dropped)] by the normal equations. */
function dummyVariableRegression(rows: ReturnType<typeof simulatePanel>['rows']): number[] {
  const units = [...new Set(rows.map((r) => r.unit))];
  const times = [...new Set(rows.map((r) => r.time))].sort((a, b) => a - b);
  const n = rows.length;
  const columns = [Float64Array.from(rows, (r) => r.x1), Float64Array.from(rows, (r) => r.x2)];
  for (const u of units) columns.push(Float64Array.from(rows, (r) => (r.unit === u ? 1 : 0)));
  for (const t of times.slice(1)) columns.push(Float64Array.from(rows, (r) => (r.time === t ? 1 : 0)));
  const y = Float64Array.from(rows, (r) => r.y);
  const k = columns.length;
  expect(n).toBeGreaterThan(k);
  const beta = solveSpd(crossProduct(columns), k, crossProductVector(columns, y));
  return [beta[0]!, beta[1]!];
}

describe('two-way fixed effects on simulated panels', () => {
  it('recovers the slopes of a large balanced panel', () => {
    const panel = simulatePanel({ units: 200, periods: 20, seed: 11, timeEffects: true });
    const result = fit(panel.csv, { model: 'fe', effects: 'twoways' });
    expect(result.balanced).toBe(true);
    expect(result.nobs).toBe(4000);
    expect(result.df).toBe(4000 - 200 - 20 + 1 - 2);
    expect(Math.abs(result.coefficients.x1!.estimate - 1.5)).toBeLessThan(4 * result.coefficients.x1!.se!);
    expect(Math.abs(result.coefficients.x2!.estimate + 0.7)).toBeLessThan(4 * result.coefficients.x2!.se!);
    expect(result.coefficients.x1!.se!).toBeLessThan(0.02);
  });

  it('unbalanced panel: alternating projections equal the dummy-variable regression to 1e-10', () => {
    const panel = simulatePanel({ units: 40, periods: 12, seed: 5, timeEffects: true, dropShare: 0.25 });
    const result = fit(panel.csv, { model: 'fe', effects: 'twoways' });
    expect(result.balanced).toBe(false);
    const reference = dummyVariableRegression(panel.rows);
    const estimates = [result.coefficients.x1!.estimate, result.coefficients.x2!.estimate];
    estimates.forEach((value, j) =>
      expect(Math.abs(value - reference[j]!) / Math.abs(reference[j]!)).toBeLessThan(1e-10),
    );
    // absorbed: N + T − 1 parameters
    expect(result.df).toBe(result.nobs - 40 - 12 + 1 - 2);
    expect(Math.abs(estimates[0]! - 1.5)).toBeLessThan(0.1);
  });

  it('balanced closed form and unbalanced projections agree on a balanced panel with one row removed and put back', () => {
    const panel = simulatePanel({ units: 30, periods: 8, seed: 9, timeEffects: true });
    const full = fit(panel.csv, { model: 'fe', effects: 'twoways' });
    // a missing y in one row makes the sample unbalanced; compare with the dummy regression on that sample
    const lines = panel.csv.trim().split('\n');
    lines[5] = lines[5]!.replace(/,[^,]*$/, ',NA');
    const dropped = fit(`${lines.join('\n')}\n`, { model: 'fe', effects: 'twoways' });
    expect(dropped.droppedRows).toBe(1);
    expect(dropped.balanced).toBe(false);
    const reference = dummyVariableRegression(panel.rows.filter((_, i) => i !== 4));
    expect(Math.abs(dropped.coefficients.x1!.estimate - reference[0]!)).toBeLessThan(
      1e-10 * Math.abs(reference[0]!),
    );
    expect(Math.abs(full.coefficients.x1!.estimate - dropped.coefficients.x1!.estimate)).toBeLessThan(0.05);
  });
});

describe('random effects on a simulated panel', () => {
  it('recovers the slopes and the variance components', () => {
    const panel = simulatePanel({ units: 300, periods: 10, seed: 21, randomEffects: true, unitEffectSd: 1 });
    const result = fit(panel.csv, { model: 're', effects: 'unit' });
    expect(Math.abs(result.coefficients.x1!.estimate - 1.5)).toBeLessThan(4 * result.coefficients.x1!.se!);
    expect(Math.abs(result.coefficients.x2!.estimate + 0.7)).toBeLessThan(4 * result.coefficients.x2!.se!);
    expect(result.ercomp!.sigma2Idios).toBeGreaterThan(0.2);
    expect(result.ercomp!.sigma2Idios).toBeLessThan(0.3);
    expect(result.ercomp!.sigma2Unit).toBeGreaterThan(0.7);
    expect(result.ercomp!.sigma2Unit).toBeLessThan(1.35);
    // effects independent of x: Hausman should not reject at 0.1 %
    expect(result.hausman!.p).toBeGreaterThan(0.001);
  });

  it('refuses an unbalanced panel with UNSUPPORTED', () => {
    const panel = simulatePanel({ units: 20, periods: 5, seed: 3, randomEffects: true, dropShare: 0.2 });
    expect(() => fit(panel.csv, { model: 're', effects: 'unit' })).toThrow(/balanced panel/);
  });
});

describe('cluster-robust standard errors', () => {
  it('are close to classical ones with independent errors', () => {
    const panel = simulatePanel({ units: 400, periods: 6, seed: 8 });
    const classical = fit(panel.csv, { model: 'fe', effects: 'unit', vcov: 'classical' });
    const cluster = fit(panel.csv, { model: 'fe', effects: 'unit', vcov: 'cluster' });
    const ratio = cluster.coefficients.x1!.se! / classical.coefficients.x1!.se!;
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
    expect(cluster.df).toBe(399);
    expect(cluster.coefficients.x1!.estimate).toBe(classical.coefficients.x1!.estimate);
  });

  it('grow when errors are correlated within units through the regressor', () => {
    const panel = simulatePanel({ units: 300, periods: 10, seed: 13, clusteredErrors: true });
    const classical = fit(panel.csv, { model: 'ols', vcov: 'classical' });
    const cluster = fit(panel.csv, { model: 'ols', vcov: 'cluster' });
    const robust = fit(panel.csv, { model: 'ols', vcov: 'robust' });
    expect(cluster.coefficients.x2!.se! / classical.coefficients.x2!.se!).toBeGreaterThan(1.5);
    expect(robust.coefficients.x2!.se!).toBeGreaterThan(classical.coefficients.x2!.se!);
    expect(cluster.fStat!.df2).toBe(299);
  });
});

describe('heteroskedasticity-robust standard errors with fixed effects', () => {
  it('equal HC1 of the dummy-variable regression (k counts the absorbed unit effects)', async () => {
    const { invertSpd, heteroskedasticMeat, sandwich } = await import('../src/index.js');
    const panel = simulatePanel({ units: 25, periods: 6, seed: 17, dropShare: 0.15 });
    const result = fit(panel.csv, { model: 'fe', effects: 'unit', vcov: 'robust' });
    const rows = panel.rows;
    const units = [...new Set(rows.map((r) => r.unit))];
    const columns = [Float64Array.from(rows, (r) => r.x1), Float64Array.from(rows, (r) => r.x2)];
    for (const u of units) columns.push(Float64Array.from(rows, (r) => (r.unit === u ? 1 : 0)));
    const y = Float64Array.from(rows, (r) => r.y);
    const k = columns.length;
    const bread = invertSpd(crossProduct(columns), k);
    const beta = solveSpd(crossProduct(columns), k, crossProductVector(columns, y));
    const residuals = Float64Array.from(
      y,
      (v, i) => v - columns.reduce((s, c, j) => s + c[i]! * beta[j]!, 0),
    );
    const n = rows.length;
    const vcov = sandwich(bread, heteroskedasticMeat(columns, residuals), k, n / (n - k));
    expect(Math.abs(result.coefficients.x1!.se! - Math.sqrt(vcov[0]!)) / Math.sqrt(vcov[0]!)).toBeLessThan(
      1e-9,
    );
    expect(
      Math.abs(result.coefficients.x2!.se! - Math.sqrt(vcov[k + 1]!)) / Math.sqrt(vcov[k + 1]!),
    ).toBeLessThan(1e-9);
  });
});
