/**
 * The `tests` of a spatial ML regression (spec field `tests`; ../spatial/restrictions.ts):
 * - `sdm-vs-sar`: Wald (θ = 0) from the fit's covariance, LR against the SAR fitted on the same sample;
 * - `sdm-vs-sem`: Wald of the common factor restriction θ = −ρβ (delta method on the full covariance),
 *   LR against the SEM; needs a W*x term for every x;
 * - `fixed-effects`: LR of the joint significance of the unit effects (the same model with time effects
 *   only, or none: df N − 1) and of the time effects (unit effects only, or none: df T − 1), Elhorst
 *   (2014, §3.4); the log-likelihoods are those of the concentrated (within) likelihood, as reported.
 * An SDM without `tests` reports the two Wald tests, which need no further fit.
 * Wald tests use the covariance the spec asked for (classical, cluster or robust) at the reported
 * estimates; LR tests the uncorrected log-likelihoods. With two-way effects the SEM is nested in the SDM
 * only approximately under splm's direct approach (W*x is demeaned after the lag; see the fixtures'
 * README), as in the usual practice.
 */
import {
  SpilloverError,
  type FixedEffects,
  type RegressionSpec,
  type TestStatistic,
} from '@spillover/contracts';
import { spatialDesign, type MlEstimate, type SpatialDesign } from '../spatial/models/design.js';
import { fitErrorModel } from '../spatial/models/sarar.js';
import { fitLagModel } from '../spatial/models/lag.js';
import { fitSpatialModel, type MlModel } from '../spatial/models/fit-model.js';
import { durbinPositions, lrTest, sdmVsSarWald, sdmVsSemWald } from '../spatial/restrictions.js';

/** The design without its W*x columns. */
function withoutDurbin(d: SpatialDesign): SpatialDesign {
  const keep = d.names.map((name, j) => (name.startsWith('W*') ? -1 : j)).filter((j) => j >= 0);
  return { ...d, x: keep.map((j) => d.x[j]!), names: keep.map((j) => d.names[j]!) };
}

/**
 * Tests of `spec.tests` (or the SDM default) for a fitted model. `raw` holds the untransformed
 * period-major data (for refits with other fixed effects), `design` the transformed one.
 */
export function restrictionTests(
  spec: RegressionSpec,
  model: MlModel,
  raw: SpatialDesign,
  design: SpatialDesign,
  uncorrected: MlEstimate,
  est: MlEstimate,
  vcov: Float64Array,
  pnames: string[],
): Record<string, TestStatistic> | undefined {
  const explicit = spec.tests !== undefined;
  const requested = spec.tests ?? (model === 'sdm' ? ['sdm-vs-sar', 'sdm-vs-sem'] : []);
  if (requested.length === 0) return undefined;
  const out: Record<string, TestStatistic> = {};
  const estimates = Float64Array.from(pnames, (name) => {
    if (name === 'sigma2') return est.sigma2;
    if (name === 'rho') return est.rho!;
    if (name === 'lambda') return est.lambda!;
    return est.beta[design.names.indexOf(name)]!;
  });
  for (const test of new Set(requested)) {
    if (test === 'fixed-effects') {
      Object.assign(out, fixedEffectsTests(spec.effects, model, raw, uncorrected.logLik));
      continue;
    }
    if (model !== 'sdm') {
      throw new SpilloverError(
        'INVALID_SPEC',
        `tests: ${test} restricts a spatial Durbin model (sdm), not ${model}`,
        { field: 'tests' },
      );
    }
    const at = durbinPositions(pnames, spec.x);
    if (at.terms.length === 0) {
      throw new SpilloverError('INVALID_SPEC', `tests: ${test} needs at least one W*x term`, {
        field: 'tests',
      });
    }
    if (test === 'sdm-vs-sar') {
      out['sdmVsSarWald'] = sdmVsSarWald(estimates, vcov, at);
      if (explicit) {
        out['sdmVsSarLr'] = lrTest(
          uncorrected.logLik,
          fitLagModel(withoutDurbin(design)).logLik,
          at.terms.length,
        );
      }
    } else {
      if (at.terms.length !== spec.x.length) {
        if (!explicit) continue;
        const missing = spec.x.filter((name) => !pnames.includes(`W*${name}`));
        throw new SpilloverError(
          'INVALID_SPEC',
          `tests: sdm-vs-sem (common factor θ = −ρβ) needs a W*x term for every x; durbin leaves out ${missing.join(', ')}`,
          { field: 'tests' },
        );
      }
      out['sdmVsSemWald'] = sdmVsSemWald(estimates, vcov, at);
      if (explicit) {
        out['sdmVsSemLr'] = lrTest(
          uncorrected.logLik,
          fitErrorModel(withoutDurbin(design)).logLik,
          at.terms.length,
        );
      }
    }
  }
  return out;
}

/** LR of the unit and/or time effects against the same model without them. */
function fixedEffectsTests(
  effects: FixedEffects,
  model: MlModel,
  raw: SpatialDesign,
  logLik: number,
): Record<string, TestStatistic> {
  if (effects === 'none') {
    throw new SpilloverError(
      'INVALID_SPEC',
      'tests: fixed-effects needs a model with fixed effects (effects unit, time or twoways)',
      {
        field: 'tests',
      },
    );
  }
  const refit = (without: FixedEffects): number => fitSpatialModel(model, spatialDesign(raw, without)).logLik;
  const out: Record<string, TestStatistic> = {};
  if (effects === 'unit' || effects === 'twoways') {
    out['unitEffectsLr'] = lrTest(logLik, refit(effects === 'twoways' ? 'time' : 'none'), raw.n - 1);
  }
  if (effects === 'time' || effects === 'twoways') {
    out['timeEffectsLr'] = lrTest(logLik, refit(effects === 'twoways' ? 'unit' : 'none'), raw.periods - 1);
  }
  return out;
}
