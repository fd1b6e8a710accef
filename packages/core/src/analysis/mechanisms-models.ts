/**
 * What the mechanism analyses (mediation, threshold, heterogeneity) share: the model/effects check,
 * one linear panel regression with the spec's covariance, and coefficient entries of the Result JSON.
 */
import { SpilloverError, type Estimate, type FixedEffects, type VcovType } from '@spillover/contracts';
import { fitFixedEffects } from '../estimators/fixed-effects.js';
import type { LinearModelFit } from '../estimators/linear-model.js';
import { fitPooledOls } from '../estimators/pooled-ols.js';
import type { PanelStructure } from '../estimators/within.js';

export interface LinearModelChoice {
  model: 'ols' | 'fe';
  effects: FixedEffects;
  vcov: VcovType;
}

/** Throws INVALID_SPEC when model and effects disagree (fe needs effects, ols has none). */
export function checkModelEffects(choice: LinearModelChoice): void {
  if (choice.model === 'fe' && choice.effects === 'none') {
    throw new SpilloverError(
      'INVALID_SPEC',
      'effects: model "fe" needs effects "unit", "time" or "twoways"',
      { field: 'effects' },
    );
  }
  if (choice.model === 'ols' && choice.effects !== 'none') {
    throw new SpilloverError(
      'INVALID_SPEC',
      `effects: model "ols" has no fixed effects (got "${choice.effects}"); use model "fe"`,
      {
        field: 'effects',
      },
    );
  }
}

/** Throws INVALID_SPEC when one column plays two roles in a spec (e.g. a mediator also among the controls). */
export function checkDistinctRoles(roles: { field: string; column: string }[]): void {
  const seen = new Map<string, string>();
  for (const { field, column } of roles) {
    const earlier = seen.get(column);
    if (earlier !== undefined) {
      throw new SpilloverError('INVALID_SPEC', `${field}: column "${column}" is already used as ${earlier}`, {
        field,
        column,
      });
    }
    seen.set(column, field);
  }
}

/**
 * Pooled OLS (with an intercept) or the fixed-effects estimator of ../estimators, with classical,
 * robust (HC1) or cluster-by-unit covariance exactly as the regression kind computes them.
 */
export function fitPanelRegression(
  y: Float64Array,
  x: Float64Array[],
  names: string[],
  structure: PanelStructure,
  choice: LinearModelChoice,
): LinearModelFit {
  if (choice.model === 'ols') {
    return fitPooledOls(y, x, names, {
      vcov: choice.vcov,
      cluster: structure.unitIndex,
      nclusters: structure.nunits,
    });
  }
  return fitFixedEffects(y, x, names, structure, {
    effects: choice.effects as 'unit' | 'time' | 'twoways',
    vcov: choice.vcov,
  });
}

/** The estimate, se, stat and p of one coefficient by name. */
export function coefficientOf(fit: LinearModelFit, name: string): Estimate {
  const j = fit.names.indexOf(name);
  return {
    estimate: fit.table.estimate[j]!,
    se: fit.table.se[j]!,
    stat: fit.table.stat[j]!,
    p: fit.table.p[j]!,
  };
}

/** Every coefficient of a fit, keyed by name. */
export function coefficientEntries(fit: LinearModelFit): Record<string, Estimate> {
  const out: Record<string, Estimate> = {};
  for (const name of fit.names) out[name] = coefficientOf(fit, name);
  return out;
}
