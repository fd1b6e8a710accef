import { AnalysisSpec } from '@spillover/contracts';
import { describe, expect, it } from 'vitest';
import { initialMechanismForm, mechanismFormErrors, mechanismSpec } from './mechanism-form';

const variables = ['res', 'dig', 'gov', 'innov', 'ctrl1'];

describe('mechanism composer form', () => {
  it('builds a mediation spec the contract accepts', () => {
    const form = {
      ...initialMechanismForm('mediation', variables),
      mediators: ['innov'],
      controls: ['ctrl1'],
      reps: '400',
      seed: '7',
    };
    const spec = mechanismSpec(form, 'unit', 'time');
    expect(AnalysisSpec.parse(spec)).toMatchObject({
      kind: 'mediation',
      y: 'res',
      treatment: 'dig',
      mediators: ['innov'],
      effects: 'twoways',
      bootstrap: { reps: 400, seed: 7 },
    });
    expect(Object.values(mechanismFormErrors(form)).filter(Boolean)).toEqual([]);
  });

  it('builds heterogeneity by median split with tests and permutations', () => {
    const form = {
      ...initialMechanismForm('heterogeneity', variables),
      controls: ['dig', 'ctrl1'],
      tested: ['dig'],
      medianWithin: 'period' as const,
    };
    expect(AnalysisSpec.parse(mechanismSpec(form, 'unit', 'time'))).toMatchObject({
      groupBy: { median: 'dig', within: 'period' },
      test: { coefficients: ['dig'], permutation: { reps: 1000, seed: 1 }, suest: true, interaction: true },
    });
    expect(mechanismFormErrors({ ...form, controls: [] }).x).toMatch(/at least one/);
  });

  it('builds a threshold spec and checks trim and grid', () => {
    const form = { ...initialMechanismForm('threshold', variables), thresholds: '2' as const, grid: '50' };
    expect(AnalysisSpec.parse(mechanismSpec(form, 'unit', 'time'))).toMatchObject({
      kind: 'threshold',
      thresholdVariable: 'gov',
      regimeVariable: 'dig',
      thresholds: 2,
      grid: 50,
      effects: 'unit',
    });
    expect(mechanismFormErrors({ ...form, trim: '0.6' }).trim).toBeDefined();
    expect(mechanismFormErrors({ ...form, grid: '2' }).grid).toBeDefined();
  });
});
