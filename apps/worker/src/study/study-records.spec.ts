import { bundledCityListCsv } from '@spillover/demo';
import { prepareStudy } from '@spillover/study';
import { describe, expect, it } from 'vitest';
import {
  estimationDatasetId,
  estimationSpec,
  studyDatasetDraft,
  studyDatasetRoles,
  studyWeightsDraft,
  type StudyIdentity,
} from './study-records.js';

const study: StudyIdentity = {
  id: '0b7d3c1e-2f4a-4c5b-8d6e-7f8091a2b3c4',
  teamId: '1c8e4d2f-3a5b-4d6c-9e7f-8091a2b3c4d5',
  name: 'resilience test',
  template: 'digital-resilience',
  createdBy: '2d9f5e3a-4b6c-4e7d-8f9a-91a2b3c4d5e6',
};
const preparation = prepareStudy({ cityListCsv: bundledCityListCsv(), seed: 3, cities: 30, quick: true });
const weightsIds = { knn: 'w-knn', inverse: 'w-inverse', economic: 'w-economic' };
const datasetIds = { panel: 'd-panel', texts: 'd-texts', analysis: 'd-analysis', balanced: 'd-balanced' };

describe('study records', () => {
  it('stores each panel under its role with the study as provenance, validated like an upload', () => {
    expect(studyDatasetRoles.map((r) => r.role)).toEqual(['panel', 'texts', 'analysis', 'balanced']);
    const balanced = studyDatasetDraft(study, preparation, 'balanced');
    expect(balanced.recipe).toEqual({
      source: 'study',
      studyId: study.id,
      template: 'digital-resilience',
      role: 'balanced',
    });
    expect(balanced.name).toBe('resilience test: balanced spatial panel');
    expect(balanced.content.toString('utf8')).toBe(preparation.data.balancedPanelCsv);
    expect(balanced.report.units).toBe(preparation.balanced.units);
    expect(balanced.report.balanced).toBe(true);
    expect(studyDatasetDraft(study, preparation, 'panel').report.units).toBe(preparation.options.cities);
  });

  it('describes each weights matrix over the balanced cities with its build recipe', () => {
    const panel = { id: 'd-balanced', name: 'resilience test: balanced spatial panel', version: 2 };
    const [knn, , economic] = preparation.weights.map((w) => studyWeightsDraft(study, preparation, w, panel));
    expect(knn!.unitIds).toHaveLength(preparation.balanced.units);
    expect(knn!.summary.neighbours.min).toBe(preparation.demo.dgp.parameters.k);
    expect(knn!.recipe).toMatchObject({
      source: 'build',
      method: 'knn',
      k: preparation.demo.dgp.parameters.k,
    });
    expect(knn!.recipe).toMatchObject({ datasetId: 'd-balanced', datasetVersion: 2 });
    expect(economic!.recipe).toMatchObject({ method: 'economic', variable: 'gdp_pc' });
    expect(knn!.unitIds).toEqual([...knn!.unitIds].sort());
  });

  it('points weighted estimation steps at the stored matrix and every step at its dataset', () => {
    for (const step of preparation.plan) {
      const spec = estimationSpec(step, weightsIds);
      expect('data' in spec ? spec.data : undefined).toBeUndefined();
      const weights = 'weights' in spec ? spec.weights : undefined;
      if (step.weights) expect(weights).toMatchObject({ id: weightsIds[step.weights], style: 'row' });
      else expect(weights?.id).toBeUndefined();
      expect(estimationDatasetId(step, datasetIds)).toBe(
        step.dataset === 'balanced' ? 'd-balanced' : 'd-analysis',
      );
    }
    const sdm = preparation.plan.find((step) => step.id === 'sdm-inverse')!;
    expect(estimationSpec(sdm, weightsIds)).toMatchObject({
      kind: 'regression',
      model: 'sdm',
      weights: { id: 'w-inverse' },
    });
  });
});
