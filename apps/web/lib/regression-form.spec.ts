import { describe, expect, it } from 'vitest';
import { moranSpec } from './moran-form';
import {
  defaultSpatialOptions,
  regressionFormErrors,
  regressionSpec,
  type RegressionForm,
} from './regression-form';

const base: RegressionForm = {
  y: 'lgsp',
  x: ['lpcap', 'lpc'],
  model: 'fe',
  effects: 'twoways',
  vcov: 'classical',
  ...defaultSpatialOptions,
};

describe('regressionSpec', () => {
  it('leaves spatial fields out of a non-spatial model', () => {
    expect(regressionSpec(base, 'state', 'year')).toEqual({
      kind: 'regression',
      unit: 'state',
      time: 'year',
      y: 'lgsp',
      x: ['lpcap', 'lpc'],
      model: 'fe',
      effects: 'twoways',
      vcov: 'classical',
    });
  });

  it('describes a two-way SDM with stored weights and effects', () => {
    const spec = regressionSpec(
      { ...base, model: 'sdm', weightsId: 'w-1', draws: '500', seed: '7' },
      'state',
      'year',
    );
    expect(Object.keys(spec)).toEqual([
      'kind',
      'unit',
      'time',
      'y',
      'x',
      'model',
      'effects',
      'weights',
      'vcov',
      'impacts',
    ]);
    expect(spec.weights).toEqual({ id: 'w-1', style: 'row' });
    expect(spec.impacts).toEqual({ draws: 500, seed: 7 });
  });

  it('adds Lee–Yu and the lags of a dynamic model', () => {
    const spec = regressionSpec(
      { ...base, model: 'dsdm', weightsId: 'w', leeYu: true, spaceTimeLag: false, impacts: false },
      'state',
      'year',
    );
    expect(spec.leeYu).toBe(true);
    expect(spec.dynamic).toEqual({ timeLag: true, spaceTimeLag: false });
    expect(spec.impacts).toBeUndefined();
  });

  it('adds no Lee–Yu without unit effects or for SEM', () => {
    expect(
      regressionSpec({ ...base, model: 'sar', effects: 'none', leeYu: true }, 'u', 't').leeYu,
    ).toBeUndefined();
    expect(regressionSpec({ ...base, model: 'sem', leeYu: true }, 'u', 't').leeYu).toBeUndefined();
  });
});

describe('regressionFormErrors', () => {
  it('asks for weights, whole draws and at least one lag', () => {
    const errors = regressionFormErrors({
      ...base,
      model: 'dsdm',
      draws: '1.5',
      timeLag: false,
      spaceTimeLag: false,
    });
    expect(errors.weights).toBe('A spatial model needs a weights matrix.');
    expect(errors.draws).toBe('Draws: a whole number from 0 to 100,000.');
    expect(errors.dynamic).toContain('time lag');
    expect(regressionFormErrors(base).weights).toBeUndefined();
  });
});

describe('moranSpec', () => {
  it('describes Moran’s I with stored weights and optional permutations', () => {
    const form = {
      variable: 'lgsp',
      weightsId: 'w',
      style: 'row' as const,
      permutations: false,
      reps: '999',
      seed: '1',
    };
    expect(moranSpec(form, 'state', 'year')).toEqual({
      kind: 'moran',
      unit: 'state',
      time: 'year',
      variable: 'lgsp',
      weights: { id: 'w', style: 'row' },
    });
    expect(moranSpec({ ...form, permutations: true }, 'state', 'year').permutations).toEqual({
      reps: 999,
      seed: 1,
    });
  });
});
