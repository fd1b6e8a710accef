import { describe, expect, it } from 'vitest';
import { EstimationError } from './errors.js';
import { absorbedParameters, withinTransform, type PanelStructure } from './within.js';

function structure(units: number[], times: number[], balanced: boolean): PanelStructure {
  return {
    unitIndex: Int32Array.from(units),
    timeIndex: Int32Array.from(times),
    nunits: Math.max(...units) + 1,
    nperiods: Math.max(...times) + 1,
    balanced,
  };
}

describe('withinTransform', () => {
  // 3 units × 3 periods, unit-major
  const balanced = structure([0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 1, 2, 0, 1, 2, 0, 1, 2], true);
  const v = Float64Array.from([1, 4, 2, 8, 5, 7, 3, 0, 9]);

  it('unit demeaning leaves zero unit means', () => {
    const out = withinTransform(v, balanced, 'unit');
    expect([...out].map((x) => +x.toFixed(12))).toEqual(
      [-4 / 3, 5 / 3, -1 / 3, 4 / 3, -5 / 3, 1 / 3, -1, -4, 5].map((x) => +x.toFixed(12)),
    );
  });

  it('balanced two-way closed form equals alternating projections', () => {
    const closed = withinTransform(v, balanced, 'twoways');
    const projected = withinTransform(v, { ...balanced, balanced: false }, 'twoways');
    closed.forEach((x, i) => expect(Math.abs(x - projected[i]!)).toBeLessThan(1e-13));
  });

  it('alternating projections stop with NON_CONVERGENCE at the iteration cap', () => {
    const unbalanced = structure([0, 0, 1, 1, 2], [0, 1, 1, 2, 0], false);
    const values = Float64Array.from([1, 3, 2, 7, 4]);
    expect(() => withinTransform(values, unbalanced, 'twoways', { maxIterations: 1 })).toThrow(
      EstimationError,
    );
    const converged = withinTransform(values, unbalanced, 'twoways');
    // residual of a regression on unit and time dummies: every unit and period sums to zero
    const sums = [0, 0, 0];
    converged.forEach((x, i) => (sums[unbalanced.unitIndex[i]!]! += x));
    sums.forEach((s) => expect(Math.abs(s)).toBeLessThan(1e-12));
  });
});

describe('absorbedParameters', () => {
  it('counts N + T − C for two-way effects', () => {
    const connected = structure([0, 0, 1, 1], [0, 1, 1, 2], false);
    expect(absorbedParameters(connected, 'twoways')).toBe(2 + 3 - 1);
    // units 0,1 share periods 0,1; units 2,3 share periods 2,3: two components
    const split = structure([0, 0, 1, 1, 2, 2, 3, 3], [0, 1, 0, 1, 2, 3, 2, 3], false);
    expect(absorbedParameters(split, 'twoways')).toBe(4 + 4 - 2);
    expect(absorbedParameters(split, 'unit')).toBe(4);
    expect(absorbedParameters(split, 'time')).toBe(4);
    expect(absorbedParameters(split, 'none')).toBe(0);
  });
});
