/**
 * Non-spatial panel regressions of a spec: pooled OLS, fixed effects (unit, time, two-way),
 * random effects (Swamy-Arora, with the Hausman test) and within 2SLS, turned into Result JSON.
 */
import { SpilloverError, type RegressionResult, type RegressionSpec } from '@spillover/contracts';
import {
  parseLagName,
  selectSample,
  withLaggedColumns,
  type Panel,
  type PanelSample,
} from '../data/panel.js';
import { fitFixedEffects } from '../estimators/fixed-effects.js';
import { hausmanTest } from '../estimators/hausman.js';
import { fitIvFixedEffects, type IvFit } from '../estimators/iv-fixed-effects.js';
import type { LinearModelFit } from '../estimators/linear-model.js';
import { fitPooledOls } from '../estimators/pooled-ols.js';
import { fitRandomEffects } from '../estimators/random-effects.js';

type LinearModel = 'ols' | 'fe' | 're';

/** Models this module fits. */
export function isLinearModel(model: string): model is LinearModel {
  return model === 'ols' || model === 'fe' || model === 're';
}

/** A linear model's fit and the sample it used: what the LM tests of a spec with weights start from. */
export interface LinearRegressionOutcome {
  result: RegressionResult;
  fit: LinearModelFit;
  sample: PanelSample;
}

function rejectSpatialOptions(spec: RegressionSpec): void {
  if (spec.durbin) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `durbin: W*x terms need a spatial model (sdm, sdem, slx), not ${spec.model}`,
      { field: 'durbin' },
    );
  }
  if (spec.leeYu) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `leeYu: the Lee-Yu correction applies to spatial models, not ${spec.model}`,
      { field: 'leeYu' },
    );
  }
  if (spec.impacts) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `impacts: LeSage-Pace effects need a spatial lag model, not ${spec.model}`,
      { field: 'impacts' },
    );
  }
  if (spec.model === 'fe' && spec.effects === 'none') {
    throw new SpilloverError(
      'INVALID_SPEC',
      'effects: model "fe" needs effects "unit", "time" or "twoways"',
      { field: 'effects' },
    );
  }
  if (spec.model === 'ols' && spec.effects !== 'none') {
    throw new SpilloverError(
      'INVALID_SPEC',
      `effects: model "ols" has no fixed effects (got "${spec.effects}"); use model "fe"`,
      {
        field: 'effects',
      },
    );
  }
  if (spec.model === 're' && (spec.effects === 'time' || spec.effects === 'twoways')) {
    throw new SpilloverError(
      'UNSUPPORTED',
      `effects: random effects are estimated for units only, not "${spec.effects}"`,
      { field: 'effects' },
    );
  }
}

/** Endogenous regressors and their excluded instruments, checked against x. */
function instrumentPlan(
  spec: RegressionSpec,
): { endogenous: number[]; instruments: string[]; fields: string[] } | null {
  const entries = Object.entries(spec.instruments ?? {});
  if (entries.length === 0) return null;
  if (spec.model === 're') {
    throw new SpilloverError(
      'UNSUPPORTED',
      'instruments: instrumental variables are estimated with model "fe" or "ols", not "re"',
      {
        field: 'instruments',
      },
    );
  }
  const endogenous: number[] = [];
  const instruments: string[] = [];
  const fields: string[] = [];
  for (const [name, list] of entries) {
    const index = spec.x.indexOf(name);
    if (index < 0) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `instruments.${name}: "${name}" is not one of the regressors x`,
        {
          field: `instruments.${name}`,
          column: name,
        },
      );
    }
    endogenous.push(index);
    list.forEach((instrument, i) => {
      const field = `instruments.${name}[${i}]`;
      if (spec.x.includes(instrument) || instrument === spec.y) {
        throw new SpilloverError(
          'INVALID_SPEC',
          `${field}: "${instrument}" is in the equation and cannot be an excluded instrument`,
          {
            field,
            column: instrument,
          },
        );
      }
      if (!instruments.includes(instrument)) {
        instruments.push(instrument);
        fields.push(field);
      }
    });
  }
  return { endogenous, instruments, fields };
}

function coefficientEntries(fit: LinearModelFit): RegressionResult['coefficients'] {
  const out: RegressionResult['coefficients'] = {};
  fit.names.forEach((name, j) => {
    out[name] = {
      estimate: fit.table.estimate[j]!,
      se: fit.table.se[j]!,
      stat: fit.table.stat[j]!,
      p: fit.table.p[j]!,
    };
  });
  return out;
}

/** Copies the finite numbers of `fields` onto `target` (JSON has no NaN or Infinity). */
function assignFinite(target: Record<string, unknown>, fields: Record<string, number | undefined>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && Number.isFinite(value)) target[key] = value;
  }
}

/**
 * Fits an ols / fe / re spec (with instruments when given) on a parsed panel.
 * The sample is the complete cases of y, x and instruments (lags `L.x` by unit), sorted by unit and time.
 */
export function fitLinearRegression(spec: RegressionSpec, panel: Panel): LinearRegressionOutcome {
  if (!isLinearModel(spec.model)) {
    throw new SpilloverError('INVALID_SPEC', `model: "${spec.model}" is not a linear panel model`, {
      field: 'model',
    });
  }
  rejectSpatialOptions(spec);
  const plan = instrumentPlan(spec);
  const source = plan
    ? withLaggedColumns(
        panel,
        plan.instruments.filter((n) => parseLagName(n)),
        plan.fields,
      )
    : panel;
  const variables = [spec.y, ...spec.x, ...(plan?.instruments ?? [])];
  const fields = ['y', ...spec.x.map((_, i) => `x[${i}]`), ...(plan?.fields ?? [])];
  const sample = selectSample(source, variables, fields);
  const y = sample.column(spec.y);
  const x = spec.x.map((name) => sample.column(name));
  const vcov = spec.vcov;
  const clusters = { cluster: sample.unitIndex, nclusters: sample.nunits };

  const result: RegressionResult = {
    kind: 'regression',
    model: spec.model,
    effects: spec.model === 're' ? 'unit' : spec.effects,
    vcov,
    nobs: y.length,
    nunits: sample.nunits,
    nperiods: sample.nperiods,
    droppedRows: sample.droppedRows,
    balanced: sample.balanced,
    coefficients: {},
  };
  const warnings: string[] = [];
  if (sample.droppedRows > 0) warnings.push(`${sample.droppedRows} rows with missing values were dropped`);

  let fit: LinearModelFit;
  if (plan) {
    const ivFit: IvFit = fitIvFixedEffects(
      y,
      x,
      spec.x,
      plan.endogenous,
      plan.instruments.map((name) => sample.column(name)),
      plan.instruments,
      sample,
      { effects: spec.model === 'ols' ? 'none' : spec.effects, vcov },
    );
    fit = ivFit;
    (result as RegressionResult & { firstStage?: IvFit['firstStage'] }).firstStage = ivFit.firstStage;
    result.iv = ivFit.diagnostics;
  } else if (spec.model === 'ols') {
    fit = fitPooledOls(y, x, spec.x, { vcov, ...clusters });
  } else if (spec.model === 'fe') {
    fit = fitFixedEffects(y, x, spec.x, sample, {
      effects: spec.effects as 'unit' | 'time' | 'twoways',
      vcov,
    });
  } else {
    const re = fitRandomEffects(y, x, spec.x, sample, { vcov });
    fit = re;
    result.ercomp = { sigma2Idios: re.sigma2Idios, sigma2Unit: re.sigma2Unit, theta: re.theta };
    result.hausman = hausmanTest(re.within, re);
    warnings.push(...re.warnings);
  }

  result.coefficients = coefficientEntries(fit);
  assignFinite(result as unknown as Record<string, unknown>, {
    sigma2: fit.sigma2,
    df: Number.isFinite(fit.inferenceDf) ? fit.inferenceDf : fit.dfResidual,
    r2: fit.r2,
    r2Adj: fit.r2Adj,
    r2Within: fit.r2Within,
  });
  if (fit.fTest && Number.isFinite(fit.fTest.df2) && Number.isFinite(fit.fTest.stat)) {
    result.fStat = { stat: fit.fTest.stat, df1: fit.fTest.df1, df2: fit.fTest.df2, p: fit.fTest.p };
  }
  if (warnings.length > 0) result.warnings = warnings;
  return { result, fit, sample };
}
