/**
 * dsdm/dsar through the analysis layer on a small simulated panel: term names, lag variants, the
 * effects identities, errors naming the field, the stability flag and seeded impacts.
 */
import { describe, expect, it } from 'vitest';
import { RegressionSpec, SpilloverError, type RegressionResult } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { runAnalysis } from '../src/analysis/run-analysis.js';
import { fitDynamicSpatialRegression } from '../src/analysis/spatial-dynamic.js';
import { dynamicStability } from '../src/spatial/dynamic/stability.js';
import { weightsSpectrum } from '../src/spatial/spectrum.js';
import { createRng } from '../src/stats/random.js';
import { denseWeights } from '../src/spatial/weights/types.js';
import { dynamicWorld, simulateDynamicPanel } from '../bench/dynamic-monte-carlo.js';

const N = 40;
const T = 12;
const world = dynamicWorld(N, T - 1, 7);
const sim = simulateDynamicPanel(world, 3);
const ids = world.w.ids;

function panelCsv(y: Float64Array, x: Float64Array[]): string {
  const lines = ['unit,time,y,x1,x2'];
  for (let i = 0; i < N; i++)
    for (let t = 0; t < T; t++)
      lines.push([ids[i], 2000 + t, y[t * N + i], x[0]![t * N + i], x[1]![t * N + i]].join(','));
  return lines.join('\n');
}
const dense = denseWeights(world.w);
const weightsText = [
  'id,' + ids.join(','),
  ...ids.map((id, i) =>
    [id, ...Array.from({ length: N }, (_, j) => (dense[i * N + j]! > 0 ? 1 : 0))].join(','),
  ),
].join('\n');
const inputs = { panelCsv: panelCsv(sim.y, sim.x), weightsText, weightsName: 'W.csv' };
const base = {
  kind: 'regression',
  unit: 'unit',
  time: 'time',
  y: 'y',
  x: ['x1', 'x2'],
  effects: 'twoways',
  weights: { path: 'W.csv', style: 'row' },
};
const run = (extra: Record<string, unknown>): RegressionResult =>
  runAnalysis(RegressionSpec.parse({ ...base, model: 'dsdm', ...extra }), inputs) as RegressionResult;

describe('dynamic spatial models through runAnalysis', () => {
  it('dsdm: term names, estimation sample, effects identities for row-standardised W', () => {
    const r = run({ leeYu: true, impacts: { draws: 300, seed: 5 } });
    expect(Object.keys(r.coefficients)).toEqual(['L.y', 'W*L.y', 'x1', 'x2', 'W*x1', 'W*x2']);
    expect([r.nobs, r.nunits, r.nperiods]).toEqual([N * (T - 1), N, T - 1]);
    expect(r.warnings![0]).toContain('(2000) is lost to the time lag');
    const c = (name: string): number => r.coefficients[name]!.estimate;
    const rho = r.rho!.estimate;
    // short run total = (β + θ)/(1 − ρ); long run total = (β + θ)/(1 − τ − ρ − η)
    expect(r.impacts!.total['x1']!.estimate).toBeCloseTo((c('x1') + c('W*x1')) / (1 - rho), 10);
    expect(r.impactsLongRun!.total['x1']!.estimate).toBeCloseTo(
      (c('x1') + c('W*x1')) / (1 - c('L.y') - rho - c('W*L.y')),
      10,
    );
    expect(r.impactsLongRun!.total['x1']!.se).toBeGreaterThan(0);
    expect(r.stability).toMatchObject({ stable: true });
    expect(r.stability!.tauPlusRhoPlusEta).toBeCloseTo(c('L.y') + rho + c('W*L.y'), 12);
    // seeded simulation: the same spec gives the same SEs
    expect(run({ leeYu: true, impacts: { draws: 300, seed: 5 } }).impacts).toEqual(r.impacts);
  });

  it('dsar has no W*x terms; each lag can be left out', () => {
    const dsar = run({ model: 'dsar' });
    expect(Object.keys(dsar.coefficients)).toEqual(['L.y', 'W*L.y', 'x1', 'x2']);
    expect(Object.keys(run({ dynamic: { timeLag: false } }).coefficients)).toEqual([
      'W*L.y',
      'x1',
      'x2',
      'W*x1',
      'W*x2',
    ]);
    expect(Object.keys(run({ dynamic: { spaceTimeLag: false }, leeYu: true }).coefficients)).toEqual([
      'L.y',
      'x1',
      'x2',
      'W*x1',
      'W*x2',
    ]);
    expect(() =>
      RegressionSpec.parse({ ...base, model: 'dsdm', dynamic: { timeLag: false, spaceTimeLag: false } }),
    ).toThrow();
  });

  it('unit effects with and without the correction; the correction raises τ', () => {
    const plain = run({ effects: 'unit' });
    const corrected = run({ effects: 'unit', leeYu: true, reportUncorrected: true });
    expect(corrected.uncorrected!.coefficients['L.y']!.estimate).toBeCloseTo(
      plain.coefficients['L.y']!.estimate,
      12,
    );
    expect(corrected.coefficients['L.y']!.estimate).toBeGreaterThan(plain.coefficients['L.y']!.estimate);
  });

  it('rejects what it does not estimate, naming the field', () => {
    const code = (extra: Record<string, unknown>): string => {
      try {
        run(extra);
      } catch (error) {
        expect(error).toBeInstanceOf(SpilloverError);
        return `${(error as SpilloverError).code} ${String((error as SpilloverError).details?.field)}`;
      }
      return 'none';
    };
    expect(code({ effects: 'time' })).toBe('UNSUPPORTED effects');
    expect(code({ vcov: 'cluster' })).toBe('UNSUPPORTED vcov');
    expect(code({ model: 'dsar', durbin: ['x1'] })).toBe('INVALID_SPEC durbin');
    expect(code({ durbin: ['x9'] })).toBe('INVALID_SPEC durbin[0]');
    expect(code({ leeYu: true, weights: { path: 'W.csv', style: 'none' } })).toBe('INVALID_SPEC leeYu');
  });

  it('an explosive panel is flagged and gets no long-run effects', () => {
    const rng = createRng(11);
    const y = new Float64Array(N * T);
    const x = [0, 1].map(() => Float64Array.from({ length: N * T }, () => rng.normal()));
    for (let i = 0; i < N; i++) y[i] = rng.normal();
    for (let t = 1; t < T; t++)
      for (let i = 0; i < N; i++)
        y[t * N + i] = 1.15 * y[(t - 1) * N + i]! + x[0]![t * N + i]! + 0.1 * rng.normal();
    const panel = panelCsv(y, x);
    const spec = RegressionSpec.parse({
      ...base,
      model: 'dsdm',
      effects: 'unit',
      impacts: { draws: 50, seed: 1 },
    });
    const r = fitDynamicSpatialRegression(spec, parsePanelCsv(panel, 'unit', 'time'), {
      ...inputs,
      panelCsv: panel,
    });
    expect(r.stability!.stable).toBe(false);
    expect(r.stability!.maxModulus).toBeGreaterThanOrEqual(1);
    expect(r.warnings!.some((w) => w.startsWith('explosive'))).toBe(true);
    expect(r.impactsLongRun).toBeUndefined();
    expect(r.impacts).toBeDefined();
  });

  it('stability: the spectral radius of (I − ρW)⁻¹(τI + ηW)', () => {
    const s = weightsSpectrum(world.w);
    expect(dynamicStability(s, 0.5, 0.1, 0.3).stable).toBe(true);
    // row-standardised W: λ = 1 gives (τ + η)/(1 − ρ), so τ + ρ + η ≥ 1 is unstable
    const edge = dynamicStability(s, 0.6, 0.2, 0.25);
    expect(edge.stable).toBe(false);
    expect(edge.maxModulus).toBeCloseTo(0.8 / 0.75, 10);
  });
});
