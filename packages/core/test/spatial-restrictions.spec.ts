/**
 * Tests of model restrictions (SDM against SAR and SEM, joint significance of fixed effects) on the
 * Produc panel, checked against the fixtures' log-likelihoods: LR = 2(ℓ_u − ℓ_r) exactly.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegressionSpec, SpilloverError } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { chiSquareSf } from '../src/stats/distributions.js';
import { lrTest, sdmVsSarWald, sdmVsSemWald } from '../src/spatial/restrictions.js';

const folder = resolve(__dirname, '../../../../shared/fixtures/produc');
const cases: { name: string; expected: { logLik?: number } }[] = JSON.parse(
  readFileSync(resolve(folder, 'cases.json'), 'utf8'),
);
const logLik = (name: string): number => cases.find((c) => c.name === name)!.expected.logLik!;
const panelCsv = readFileSync(resolve(folder, 'panel.csv'), 'utf8');
const inputs = {
  panelCsv,
  weightsText: readFileSync(resolve(folder, 'W.csv'), 'utf8'),
  weightsName: 'W.csv',
};
const panel = parsePanelCsv(panelCsv, 'state', 'year');
const base = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
  weights: { path: 'W.csv', style: 'row' },
};
const fit = (spec: Record<string, unknown>) =>
  fitSpatialRegression(RegressionSpec.parse({ ...base, ...spec }), panel, inputs);
const close = (actual: number, expected: number, rel = 1e-9): void =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('tests of model restrictions', () => {
  it('SDM against SAR and SEM: LR = 2(ℓ_SDM − ℓ_restricted) with the fixture log-likelihoods', () => {
    const r = fit({ model: 'sdm', effects: 'twoways', tests: ['sdm-vs-sar', 'sdm-vs-sem', 'fixed-effects'] });
    const t = r.tests!;
    close(t['sdmVsSarLr']!.stat, 2 * (logLik('sdm-twoways') - logLik('sar-twoways')), 1e-8);
    close(t['sdmVsSemLr']!.stat, 2 * (logLik('sdm-twoways') - logLik('sem-twoways')), 1e-8);
    expect(t['sdmVsSarLr']!.df).toBe(4);
    expect(t['sdmVsSemLr']!.df).toBe(4);
    close(t['sdmVsSemLr']!.p, chiSquareSf(t['sdmVsSemLr']!.stat, 4), 1e-12);
    // joint significance of the unit effects: two-way against time effects only; of the time effects: against unit only
    close(t['unitEffectsLr']!.stat, 2 * (logLik('sdm-twoways') - logLik('sdm-time')), 1e-8);
    close(t['timeEffectsLr']!.stat, 2 * (logLik('sdm-twoways') - logLik('sdm-unit')), 1e-8);
    expect(t['unitEffectsLr']!.df).toBe(47);
    expect(t['timeEffectsLr']!.df).toBe(16);
    for (const name of ['sdmVsSarWald', 'sdmVsSemWald']) {
      expect(t[name]!.df).toBe(4);
      expect(t[name]!.stat).toBeGreaterThan(0);
    }
    console.log(JSON.stringify(t));
  });

  it('LR of the fixed effects of a SAR against the fixture models without them', () => {
    const two = fit({ model: 'sar', effects: 'twoways', tests: ['fixed-effects'] }).tests!;
    close(two['unitEffectsLr']!.stat, 2 * (logLik('sar-twoways') - logLik('sar-time')), 1e-8);
    close(two['timeEffectsLr']!.stat, 2 * (logLik('sar-twoways') - logLik('sar-unit')), 1e-8);
    const unit = fit({ model: 'sar', effects: 'unit', tests: ['fixed-effects'] }).tests!;
    close(unit['unitEffectsLr']!.stat, 2 * (logLik('sar-unit') - logLik('sar-none')), 1e-8);
    expect(unit['timeEffectsLr']).toBeUndefined();
  });

  it('Wald of θ = 0 with one W*x term is the square of its z statistic; SDM reports the Wald tests by default', () => {
    const r = fit({ model: 'sdm', effects: 'unit', durbin: ['lpc'] });
    close(r.tests!['sdmVsSarWald']!.stat, r.coefficients['W*lpc']!.stat! ** 2, 1e-12);
    expect(r.tests!['sdmVsSarLr']).toBeUndefined();
    // the common factor test needs W*x for every x: skipped by default, an error when asked for
    expect(r.tests!['sdmVsSemWald']).toBeUndefined();
    expect(() => fit({ model: 'sdm', effects: 'unit', durbin: ['lpc'], tests: ['sdm-vs-sem'] })).toThrow(
      /durbin leaves out lpcap, lemp, unemp/,
    );
    expect(() => fit({ model: 'sar', effects: 'unit', tests: ['sdm-vs-sar'] })).toThrow(SpilloverError);
    expect(() => fit({ model: 'sar', effects: 'none', tests: ['fixed-effects'] })).toThrow(
      /needs a model with fixed effects/,
    );
    const sdmDefault = fit({ model: 'sdm', effects: 'twoways' });
    expect(Object.keys(sdmDefault.tests!).sort()).toEqual(['sdmVsSarWald', 'sdmVsSemWald']);
  });

  it('the common factor Wald test is the delta-method quadratic form', () => {
    // parameters (ρ, β, θ) with a full covariance
    const est = [0.4, 1.5, -0.5];
    const v = Float64Array.from([0.01, 0.002, -0.001, 0.002, 0.04, 0.005, -0.001, 0.005, 0.09]);
    const at = { rho: 0, terms: [{ beta: 1, theta: 2 }] };
    const g = est[2]! + est[0]! * est[1]!;
    const j = [est[1]!, est[0]!, 1];
    let varG = 0;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) varG += j[a]! * v[a * 3 + b]! * j[b]!;
    close(sdmVsSemWald(est, v, at).stat, (g * g) / varG, 1e-13);
    close(sdmVsSarWald(est, v, at).stat, (est[2]! * est[2]!) / v[8]!, 1e-13);
    expect(lrTest(10, 8, 2)).toEqual({ stat: 4, df: 2, p: chiSquareSf(4, 2) });
  });
});
