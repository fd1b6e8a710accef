/**
 * Heterogeneity: split samples, the permutation test under the null and under a large difference,
 * suest and interaction tests, median splits, the unit-Gram refits against explicit refits and
 * chunking invariance of the permutations.
 */
import { describe, expect, it } from 'vitest';
import { HeterogeneitySpec, type HeterogeneityResult } from '@spillover/contracts';
import { parsePanelCsv, type Panel } from '../src/data/panel.js';
import {
  combineReplications,
  runMechanismAnalysis,
  runReplications,
} from '../src/analysis/mechanisms-replications.js';
import { simulateMechanismPanel } from './simulated-mechanisms.js';

const spec = (overrides: Record<string, unknown> = {}): HeterogeneitySpec =>
  HeterogeneitySpec.parse({
    kind: 'heterogeneity',
    unit: 'unit',
    time: 'time',
    y: 'yh',
    x: ['c1', 'c2'],
    model: 'fe',
    effects: 'twoways',
    vcov: 'cluster',
    groupBy: 'grp',
    ...overrides,
  });

const panelOf = (options: Parameters<typeof simulateMechanismPanel>[0]): Panel =>
  parsePanelCsv(simulateMechanismPanel(options), 'unit', 'time');

describe('heterogeneity', () => {
  it('fits each group and tests a large difference with all three tests', () => {
    const result = runMechanismAnalysis(
      spec({ test: { coefficients: ['c1'], permutation: { reps: 199, seed: 1 } } }),
      panelOf({ units: 60, periods: 8, seed: 3, groupDifference: 0.8 }),
    ) as HeterogeneityResult;
    expect(result.groups.map((g) => g.group)).toEqual(['0', '1']);
    expect(result.groups[0]!.nunits + result.groups[1]!.nunits).toBe(60);
    const [difference] = result.differences;
    expect(difference!.estimate).toBeCloseTo(
      result.groups[1]!.coefficients.c1!.estimate - result.groups[0]!.coefficients.c1!.estimate,
      10,
    );
    expect(Math.abs(difference!.estimate - 0.8)).toBeLessThan(0.25);
    expect(difference!.permutation!.p).toBeLessThanOrEqual(0.01);
    expect(difference!.suest!.p).toBeLessThan(1e-4);
    expect(difference!.interaction!.p!).toBeLessThan(1e-4);
    expect(Math.sign(difference!.interaction!.estimate)).toBe(1);
    // groups of whole units are independent: Var(b1 − b0) = Σ_g the group's cluster variance without
    // its own small-sample factor G_g/(G_g − 1)(n_g − 1)/(n_g − Kc), times U/(U − 1) for all 60 units
    const variance =
      result.groups.reduce((sum, g) => {
        const factor = (g.nunits / (g.nunits - 1)) * ((g.nobs - 1) / (g.nobs - (2 + g.nperiods)));
        return sum + g.coefficients.c1!.se! ** 2 / factor;
      }, 0) *
      (60 / 59);
    expect(difference!.suest!.se).toBeCloseTo(Math.sqrt(variance), 12);
  });

  it('permutation p-values are roughly uniform under the null', () => {
    const ps: number[] = [];
    for (let k = 0; k < 40; k++) {
      const result = runMechanismAnalysis(
        spec({
          test: {
            coefficients: ['c1'],
            suest: false,
            interaction: false,
            permutation: { reps: 99, seed: k },
          },
        }),
        panelOf({ units: 30, periods: 5, seed: 500 + k }),
      ) as HeterogeneityResult;
      ps.push(result.differences[0]!.permutation!.p);
    }
    const mean = ps.reduce((s, p) => s + p, 0) / ps.length;
    const small = ps.filter((p) => p <= 0.1).length / ps.length;
    console.log(`null permutation p: mean ${mean.toFixed(3)}, share ≤ 0.1 ${small.toFixed(3)}`);
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.65);
    expect(small).toBeLessThan(0.25);
  });

  it('unit-Gram refits of whole-unit groups agree with the explicit group fits', () => {
    const panel = panelOf({ units: 40, periods: 6, seed: 9, groupDifference: 0.4 });
    const byUnit = runMechanismAnalysis(
      spec({ test: { suest: false, interaction: false } }),
      panel,
    ) as HeterogeneityResult;
    const split = byUnit.groups;
    byUnit.differences.forEach((d) => {
      expect(d.estimate).toBeCloseTo(
        split[1]!.coefficients[d.coefficient]!.estimate - split[0]!.coefficients[d.coefficient]!.estimate,
        10,
      );
    });
  });

  it('median split within each period gives equal halves per period and permutes within periods', () => {
    const panel = panelOf({ units: 40, periods: 6, seed: 9 });
    const s = spec({
      groupBy: { median: 'g', within: 'period' },
      test: { permutation: { reps: 20, seed: 2 } },
    });
    const result = runMechanismAnalysis(s, panel) as HeterogeneityResult;
    expect(result.groups.map((g) => [g.group, g.nobs])).toEqual([
      ['low', 120],
      ['high', 120],
    ]);
    expect(result.groupBy).toBe('median of g (within each period)');
    const bounds = [0, 3, 4, 13, 20];
    const chunks = bounds.slice(1).map((to, i) => runReplications(s, panel, bounds[i]!, to));
    expect(JSON.stringify(combineReplications(s, panel, chunks))).toBe(JSON.stringify(result));
  });

  it('gives bit-identical permutation results for one chunk and seven uneven chunks', () => {
    const panel = panelOf({ units: 30, periods: 5, seed: 4, groupDifference: 0.3 });
    const s = spec({ model: 'ols', effects: 'none', test: { permutation: { reps: 40, seed: 3 } } });
    const one = combineReplications(s, panel, [runReplications(s, panel, 0, 40)]);
    const bounds = [0, 5, 6, 7, 19, 33, 38, 40];
    const chunks = bounds
      .slice(1)
      .map((to, i) => JSON.parse(JSON.stringify(runReplications(s, panel, bounds[i]!, to))));
    expect(JSON.stringify(combineReplications(s, panel, chunks))).toBe(JSON.stringify(one));
  });

  it('names a tested coefficient that is not a regressor', () => {
    expect(() =>
      runMechanismAnalysis(
        spec({ test: { coefficients: ['zz'] } }),
        panelOf({ units: 10, periods: 4, seed: 1 }),
      ),
    ).toThrow(/test.coefficients\[0\]: "zz" is not one of the regressors x/);
  });
});
