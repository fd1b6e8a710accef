import { parseAnalysisSpec, runAnalysis } from '@spillover/core';
import { describe, expect, it } from 'vitest';
import { prepareDerivedDataset, type DerivationSource } from './derived-dataset.js';

const panelCsv = 'region,year,a,b\nn,2020,1,4\nn,2021,2,3\ns,2020,3,2\ns,2021,5,1\n';
const source: DerivationSource = {
  analysisId: '00000000-0000-4000-8000-000000000001',
  createdBy: '00000000-0000-4000-8000-000000000002',
  requestedName: null,
  dataset: {
    id: '00000000-0000-4000-8000-000000000003',
    teamId: 't',
    name: 'regions',
    version: 3,
    unitColumn: 'region',
    timeColumn: 'year',
  },
};

function derive(json: unknown, csv = panelCsv, from = source) {
  const spec = parseAnalysisSpec(json);
  return prepareDerivedDataset(spec, runAnalysis(spec, { panelCsv: csv }), csv, from);
}

describe('prepareDerivedDataset', () => {
  it('appends the result columns, validates the new panel and records where it comes from', () => {
    const draft = derive({
      kind: 'transform',
      unit: 'region',
      time: 'year',
      steps: [{ op: 'lag', column: 'a', as: 'L_a' }],
    })!;
    expect(draft.content.toString('utf8')).toBe(
      'region,year,a,b,L_a\nn,2020,1,4,\nn,2021,2,3,1\ns,2020,3,2,\ns,2021,5,1,3\n',
    );
    expect(draft).toMatchObject({
      teamId: 't',
      name: 'regions',
      unitColumn: 'region',
      timeColumn: 'year',
      sourceDatasetId: source.dataset.id,
      sourceAnalysisId: source.analysisId,
      recipe: { source: 'measurement', sourceName: 'regions', sourceVersion: 3, columns: ['L_a'] },
    });
    expect(draft.report.columns.find((c) => c.name === 'L_a')).toMatchObject({ type: 'numeric', missing: 2 });
  });

  it('stores under the requested name', () => {
    const draft = derive(
      {
        kind: 'entropy-index',
        unit: 'region',
        time: 'year',
        indicators: [
          { column: 'a', direction: '+' },
          { column: 'b', direction: '-' },
        ],
      },
      panelCsv,
      { ...source, requestedName: 'regions-index' },
    )!;
    expect(draft.name).toBe('regions-index');
    expect(draft.recipe).toMatchObject({ columns: ['index', 'index_index'] });
  });

  it('makes nothing for kinds that add no columns', () => {
    expect(
      derive({ kind: 'regression', unit: 'region', time: 'year', y: 'a', x: ['b'], model: 'ols' }),
    ).toBeUndefined();
  });

  it('names the spec field whose output column the panel already has', () => {
    expect(() =>
      derive({
        kind: 'transform',
        unit: 'region',
        time: 'year',
        steps: [{ op: 'ln', column: 'a', as: 'b' }],
      }),
    ).toThrow(
      expect.objectContaining({ code: 'INVALID_SPEC', details: { field: 'steps[0].as', column: 'b' } }),
    );
  });
});
