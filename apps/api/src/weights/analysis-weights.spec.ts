import type { AnalysisSpec } from '@spillover/contracts';
import { describe, expect, it } from 'vitest';
import { panelUnitIds, requireUnitsMatch, storedWeightsId, weightsOfSpec } from './analysis-weights.js';

const regression = {
  kind: 'regression',
  unit: 'u',
  time: 't',
  y: 'y',
  x: ['x'],
  model: 'sar',
} as AnalysisSpec;
const id = '44444444-4444-4444-8444-444444444444';

describe('weights of an analysis spec', () => {
  it('requires weights for spatial models only', () => {
    expect(() => weightsOfSpec(regression)).toThrow(
      'spec.weights: model "sar" needs a spatial weights matrix',
    );
    expect(weightsOfSpec({ ...regression, model: 'fe' } as AnalysisSpec)).toBeUndefined();
  });

  it('accepts a stored id and refuses a path (422) or a missing or malformed id (400), naming the field', () => {
    expect(storedWeightsId({ id, style: 'row', allowIslands: false })).toBe(id);
    const fail = (weights: object) => {
      try {
        storedWeightsId({ style: 'row', allowIslands: false, ...weights });
      } catch (error) {
        return error;
      }
    };
    expect(fail({ path: 'W.csv' })).toMatchObject({
      code: 'UNSUPPORTED',
      details: { field: 'spec.weights.path' },
    });
    expect(fail({})).toMatchObject({ code: 'INVALID_SPEC', details: { field: 'spec.weights.id' } });
    expect(fail({ id: 'W.csv' })).toMatchObject({
      code: 'INVALID_SPEC',
      details: { field: 'spec.weights.id' },
    });
  });

  it('lists the panel’s units missing from the weights and the weights’ units not in the panel', () => {
    const units = panelUnitIds('year,u,y\n1, a ,1\n1,b,2\n2,a,1\n1,"c, d",3\n', 'u');
    expect(units).toEqual(['a', 'b', 'c, d']);
    expect(() => requireUnitsMatch(units, ['c, d', 'b', 'a'], 'weights W')).not.toThrow();
    expect(() => requireUnitsMatch(units, ['a', 'b', 'c, d', 'e'], 'weights W')).toThrow(
      'spec.weights.id: weights W has 1 unit(s) that are not in the dataset: e',
    );
    try {
      requireUnitsMatch(units, ['a'], 'weights "W" v1');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_WEIGHTS',
        message: 'spec.weights.id: weights "W" v1 has no row for 2 unit(s) of the dataset: b, c, d',
        details: { field: 'spec.weights.id', missing: ['b', 'c, d'], extra: [] },
      });
    }
  });
});
