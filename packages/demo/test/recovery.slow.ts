/**
 * Honesty check (slow tier, `npm run test:slow -w @spillover/demo`, not part of `npm test`):
 * over 50 seeds of the static DGP variant (τ = η = 0, 100 cities, complete panel), the SDM's ρ and
 * the direct effect of LQ are within 3 standard errors of their true values in at least 90 % of
 * the seeds (nominal coverage of ±3 SE is 99.7 %).
 */
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../src/index.js';
import { CONTROLS, cityListCsv, regression, withDerivedColumns, zScore } from './helpers.js';

const SEEDS = 50;

describe('SDM recovery over 50 seeds', () => {
  it('covers ρ and the direct effect within 3 SEs in at least 90 % of the seeds', () => {
    let rhoCovered = 0;
    let directCovered = 0;
    const misses: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const demo = generateDemo(cityListCsv, {
        seed,
        cities: 100,
        complete: true,
        parameters: { tau: 0, eta: 0 },
      });
      const fit = regression(
        {
          y: 'resilience_latent',
          x: ['lq', 'ln_patents', 'ind_upgrade', ...CONTROLS],
          durbin: ['lq'],
          model: 'sdm',
          effects: 'twoways',
          weights: { path: 'W.csv' },
          impacts: { draws: 200, seed },
        },
        withDerivedColumns(demo.panelCsv),
        demo.weights.knn,
      );
      const zr = zScore(fit.rho, demo.dgp.parameters.rho);
      const zd = zScore(fit.impacts!.direct.lq, demo.dgp.implied.structuralImpacts.shortRun.direct);
      if (zr < 3) rhoCovered++;
      if (zd < 3) directCovered++;
      if (zr >= 3 || zd >= 3) misses.push(`seed ${seed}: |z| ρ ${zr.toFixed(2)}, direct ${zd.toFixed(2)}`);
    }
    expect(rhoCovered / SEEDS, misses.join('; ')).toBeGreaterThanOrEqual(0.9);
    expect(directCovered / SEEDS, misses.join('; ')).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
