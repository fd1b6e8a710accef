import { describe, expect, it } from 'vitest';
import { regressionSpec } from './regression-form';
import { regressionFormOf } from './spec-prefill';

describe('regressionFormOf', () => {
  it('gives back the spec it was made from', () => {
    const spec = {
      kind: 'regression' as const,
      unit: 'state',
      time: 'year',
      y: 'lgsp',
      x: ['lpcap', 'lpc'],
      model: 'sdm' as const,
      effects: 'twoways' as const,
      weights: { id: 'w-1', style: 'row' as const, allowIslands: false },
      vcov: 'classical' as const,
      leeYu: true,
      impacts: { draws: 500, seed: 7 },
    };
    const form = regressionFormOf(spec);
    expect(regressionSpec(form, 'state', 'year')).toEqual({
      kind: 'regression',
      unit: 'state',
      time: 'year',
      y: 'lgsp',
      x: ['lpcap', 'lpc'],
      model: 'sdm',
      effects: 'twoways',
      weights: { id: 'w-1', style: 'row' },
      vcov: 'classical',
      leeYu: true,
      impacts: { draws: 500, seed: 7 },
    });
  });
});
