import { AnalysisSpec } from '@spillover/contracts';
import { describe, expect, it } from 'vitest';
import { specFormula } from './analysis-labels';

const panel = { unit: 'id', time: 'year' };

describe('specFormula', () => {
  it('tells mechanism analyses apart by their variables', () => {
    const mediation = AnalysisSpec.parse({
      kind: 'mediation',
      ...panel,
      y: 'res',
      treatment: 'dig',
      mediators: ['innov', 'ind'],
    });
    expect(specFormula(mediation)).toBe('res ~ dig via innov, ind');
    const threshold = AnalysisSpec.parse({
      kind: 'threshold',
      ...panel,
      y: 'res',
      regimeVariable: 'dig',
      thresholdVariable: 'gov',
      thresholds: 2,
    });
    expect(specFormula(threshold)).toBe('res ~ dig by gov (2 thresholds)');
    const heterogeneity = AnalysisSpec.parse({
      kind: 'heterogeneity',
      ...panel,
      y: 'res',
      x: ['dig', 'fdi'],
      groupBy: { median: 'gov' },
    });
    expect(specFormula(heterogeneity)).toBe('res ~ dig + fdi across median of gov');
    const byRegion = AnalysisSpec.parse({ ...heterogeneity, groupBy: 'region' });
    expect(specFormula(byRegion)).toBe('res ~ dig + fdi across region');
  });
});
