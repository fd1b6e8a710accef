/**
 * Honesty check (fast tier): on small simulated panels the estimators recover the DGP's parameters.
 * Bounds: within 3 standard errors of the true value (one seed, so a fixed seed keeps this stable;
 * the slow tier, test/recovery.slow.ts, checks the coverage over 50 seeds).
 *   - two-way FE on the latent resilience, in the DGP variant without spatial or dynamic terms
 *     (ρ = θ = τ = η = 0): β of LQ, b₁, b₂ (mediators among the regressors);
 *   - SDM in the static variant (τ = η = 0): ρ, θ and the direct effect of LQ;
 *   - dynamic SDM (Lee–Yu) in the default DGP: τ, η, ρ and the long-run direct effect.
 */
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../src/index.js';
import { CONTROLS, cityListCsv, regression, withDerivedColumns, zScore } from './helpers.js';

const BOUND = 3;
const x = ['lq', 'ln_patents', 'ind_upgrade', ...CONTROLS];

describe('the estimators recover the DGP (fast tier)', () => {
  it('two-way FE recovers β, b₁ and b₂ without spatial terms', () => {
    const demo = generateDemo(cityListCsv, {
      seed: 11,
      cities: 80,
      complete: true,
      parameters: { rho: 0, theta: 0, tau: 0, eta: 0 },
    });
    const fit = regression(
      { y: 'resilience_latent', x, model: 'fe', effects: 'twoways', vcov: 'cluster' },
      withDerivedColumns(demo.panelCsv),
    );
    const p = demo.dgp.parameters;
    expect(zScore(fit.coefficients.lq, p.beta)).toBeLessThan(BOUND);
    expect(zScore(fit.coefficients.ln_patents, p.b1)).toBeLessThan(BOUND);
    expect(zScore(fit.coefficients.ind_upgrade, p.b2)).toBeLessThan(BOUND);
  });

  it('the SDM recovers ρ, θ and the direct effect in the static variant', () => {
    const demo = generateDemo(cityListCsv, {
      seed: 12,
      cities: 80,
      complete: true,
      parameters: { tau: 0, eta: 0 },
    });
    const fit = regression(
      {
        y: 'resilience_latent',
        x,
        durbin: ['lq'],
        model: 'sdm',
        effects: 'twoways',
        weights: { path: 'W.csv' },
        impacts: { draws: 200, seed: 1 },
      },
      withDerivedColumns(demo.panelCsv),
      demo.weights.knn,
    );
    const p = demo.dgp.parameters;
    expect(zScore(fit.rho, p.rho)).toBeLessThan(BOUND);
    expect(zScore(fit.coefficients['W*lq'], p.theta)).toBeLessThan(BOUND);
    expect(zScore(fit.impacts!.direct.lq, demo.dgp.implied.structuralImpacts.shortRun.direct)).toBeLessThan(
      BOUND,
    );
  });

  it('the dynamic SDM recovers τ, η, ρ and the long-run direct effect of the default DGP', () => {
    const demo = generateDemo(cityListCsv, { seed: 13, cities: 80, complete: true });
    const fit = regression(
      {
        y: 'resilience_latent',
        x,
        durbin: ['lq'],
        model: 'dsdm',
        effects: 'twoways',
        leeYu: true,
        weights: { path: 'W.csv' },
        impacts: { draws: 200, seed: 1 },
      },
      withDerivedColumns(demo.panelCsv),
      demo.weights.knn,
    );
    const p = demo.dgp.parameters;
    expect(zScore(fit.coefficients['L.resilience_latent'], p.tau)).toBeLessThan(BOUND);
    expect(zScore(fit.coefficients['W*L.resilience_latent'], p.eta)).toBeLessThan(BOUND);
    expect(zScore(fit.rho, p.rho)).toBeLessThan(BOUND);
    expect(
      zScore(fit.impactsLongRun!.direct.lq, demo.dgp.implied.structuralImpacts.longRun.direct),
    ).toBeLessThan(BOUND);
  });
});
