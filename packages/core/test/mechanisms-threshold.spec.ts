/**
 * Hansen threshold: the incremental SSR curve against brute-force LSDV fits, recovery of known
 * thresholds on simulated panels, bootstrap p-values, chunking invariance and unbalanced panels.
 */
import { describe, expect, it } from 'vitest';
import { ThresholdSpec, type ThresholdResult } from '@spillover/contracts';
import { parsePanelCsv, selectSample } from '../src/data/panel.js';
import { fitFixedEffects } from '../src/estimators/fixed-effects.js';
import { withinTransform } from '../src/estimators/within.js';
import { allowedCandidates, prepareThresholdData, ssrCurve } from '../src/mechanisms/threshold-search.js';
import { indicatorColumn, lrCriticalValue } from '../src/mechanisms/threshold-model.js';
import {
  combineReplications,
  runMechanismAnalysis,
  runReplications,
} from '../src/analysis/mechanisms-replications.js';
import { simulateMechanismPanel } from './simulated-mechanisms.js';

const spec = (overrides: Record<string, unknown> = {}): ThresholdSpec =>
  ThresholdSpec.parse({
    kind: 'threshold',
    unit: 'unit',
    time: 'time',
    y: 'yt',
    x: ['c1', 'c2'],
    regimeVariable: 'd',
    thresholdVariable: 'g',
    thresholds: 1,
    ...overrides,
  });

describe('Hansen panel threshold', () => {
  it('c(0.05) = −2 ln(1 − √0.95)', () => {
    expect(lrCriticalValue(0.05)).toBeCloseTo(7.352276694155739, 12);
  });

  it('the one-pass SSR curve equals LSDV refits at every candidate, with and without a fixed threshold', () => {
    const panel = parsePanelCsv(
      simulateMechanismPanel({
        units: 15,
        periods: 6,
        seed: 2,
        thresholds: [1],
        slopes: [1, 0.2],
        unbalanced: true,
      }),
      'unit',
      'time',
    );
    const sample = selectSample(panel, ['yt', 'd', 'g', 'c1']);
    const [y, q, g, c1] = ['yt', 'd', 'g', 'c1'].map((name) => sample.column(name)) as Float64Array[];
    const data = prepareThresholdData(q!, g!, sample.unitIndex, sample.nunits, 0.1, 'all');
    const z = [q!, c1!].map((v) => withinTransform(v, sample, 'unit'));
    const yWithin = withinTransform(y!, sample, 'unit');
    const fixed = 7;
    const curves = [
      ssrCurve(data, z, yWithin),
      ssrCurve(data, [...z, indicatorColumn(data, fixed)], yWithin, allowedCandidates(data, [fixed])),
    ];
    curves.forEach((curve, stage) => {
      data.candidates.forEach((gamma, c) => {
        if (Number.isNaN(curve.ssr[c]!)) return;
        const below = (level: number): Float64Array =>
          Float64Array.from(q!, (v, i) => (g![i]! <= level ? v : 0));
        const columns = [q!, c1!, below(gamma), ...(stage === 1 ? [below(data.candidates[fixed]!)] : [])];
        const fit = fitFixedEffects(
          y!,
          columns,
          columns.map((_, j) => `v${j}`),
          sample,
          { effects: 'unit', vcov: 'classical' },
        );
        expect(Math.abs(curve.ssr[c]! - fit.ssr)).toBeLessThan(1e-9 * fit.ssr);
      });
    });
    expect(Number.isNaN(curves[1]!.ssr[fixed]!)).toBe(true);
  });

  it('recovers a known single threshold, with a small bootstrap p-value', () => {
    const panel = parsePanelCsv(
      simulateMechanismPanel({ units: 80, periods: 10, seed: 21, thresholds: [1.2], slopes: [1, 0.3] }),
      'unit',
      'time',
    );
    const result = runMechanismAnalysis(spec({ bootstrap: { reps: 99, seed: 1 } }), panel) as ThresholdResult;
    const [threshold] = result.thresholds;
    expect(Math.abs(threshold!.estimate - 1.2)).toBeLessThan(0.05);
    expect(threshold!.ci[0]).toBeLessThanOrEqual(threshold!.estimate);
    expect(threshold!.ci[1]).toBeGreaterThanOrEqual(threshold!.estimate);
    expect(result.tests[0]!.p).toBeLessThan(0.02);
    expect(result.tests[0]!.crit!['0.05']).toBeGreaterThan(result.tests[0]!.crit!['0.10']!);
    expect(result.coefficients['d@r1']!.estimate).toBeCloseTo(1, 1);
    expect(result.coefficients['d@r2']!.estimate).toBeCloseTo(0.3, 1);
  });

  it('recovers a known double threshold and thins the LR curve', () => {
    const panel = parsePanelCsv(
      simulateMechanismPanel({
        units: 100,
        periods: 10,
        seed: 8,
        thresholds: [0.6, 1.4],
        slopes: [1, 0.4, -0.2],
      }),
      'unit',
      'time',
    );
    const result = runMechanismAnalysis(
      spec({ thresholds: 2, lrCurvePoints: 50, bootstrap: { reps: 49, seed: 3 } }),
      panel,
    ) as ThresholdResult;
    expect(result.thresholds.map((t) => t.estimate)).toHaveLength(2);
    expect(Math.abs(result.thresholds[0]!.estimate - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(result.thresholds[1]!.estimate - 1.4)).toBeLessThan(0.05);
    expect(result.tests.map((t) => t.hypothesis)).toEqual(['0 vs 1', '1 vs 2']);
    expect(result.tests[1]!.p).toBeLessThan(0.05);
    for (const position of [1, 2])
      expect(result.lrCurve.filter((p) => p.threshold === position).length).toBeLessThanOrEqual(50);
    expect(Object.keys(result.coefficients)).toEqual(['d@r1', 'd@r2', 'd@r3', 'c1', 'c2']);
  });

  it('estimates a triple threshold model', () => {
    const panel = parsePanelCsv(
      simulateMechanismPanel({
        units: 60,
        periods: 10,
        seed: 8,
        thresholds: [0.5, 1, 1.5],
        slopes: [1, 0.4, -0.2, 0.8],
      }),
      'unit',
      'time',
    );
    const result = runMechanismAnalysis(spec({ thresholds: 3, grid: 100 }), panel) as ThresholdResult;
    expect(result.thresholds).toHaveLength(3);
    result.thresholds.forEach((t, i) => expect(Math.abs(t.estimate - [0.5, 1, 1.5][i]!)).toBeLessThan(0.1));
    expect(result.candidates).toBeLessThanOrEqual(100);
  });

  it('gives bit-identical bootstrap results for one chunk and seven uneven chunks', () => {
    const panel = parsePanelCsv(
      simulateMechanismPanel({ units: 30, periods: 6, seed: 5, thresholds: [1], slopes: [1, 0.6] }),
      'unit',
      'time',
    );
    const s = spec({ thresholds: 2, bootstrap: { reps: 30, seed: 9 } });
    const one = combineReplications(s, panel, [runReplications(s, panel, 0, 30)]);
    const bounds = [0, 2, 3, 11, 12, 20, 29, 30];
    const chunks = bounds
      .slice(1)
      .map((to, i) => JSON.parse(JSON.stringify(runReplications(s, panel, bounds[i]!, to))));
    expect(JSON.stringify(combineReplications(s, panel, chunks))).toBe(JSON.stringify(one));
    expect(JSON.stringify(runMechanismAnalysis(s, panel))).toBe(JSON.stringify(one));
  });

  it('estimates unbalanced panels with a warning and refuses their bootstrap', () => {
    const panel = parsePanelCsv(
      simulateMechanismPanel({
        units: 30,
        periods: 6,
        seed: 5,
        thresholds: [1],
        slopes: [1, 0.6],
        unbalanced: true,
      }),
      'unit',
      'time',
    );
    const result = runMechanismAnalysis(spec(), panel) as ThresholdResult;
    expect(result.warnings?.join(' ')).toMatch(/unbalanced/);
    expect(() => runMechanismAnalysis(spec({ bootstrap: { reps: 10 } }), panel)).toThrow(
      /balanced panel; units missing periods: U0/,
    );
  });
});
