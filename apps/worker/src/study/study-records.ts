import {
  type AnalysisSpec,
  type DatasetRecipe,
  type StudyDatasetIds,
  type StudyDatasetRole,
  type StudyTemplate,
  type StudyWeightsIds,
  type WeightsRecipe,
} from '@spillover/contracts';
import {
  describePanel,
  matchWeights,
  parseAnalysisSpec,
  parseWeights,
  summariseWeights,
} from '@spillover/core';
import type { DatasetVersionDraft, WeightsVersionDraft } from '@spillover/db';
import type { StudyPlannedStep, StudyPreparation, StudyWeights } from '@spillover/study';

/**
 * What a study's preparation stores, built from prepareStudy's output without I/O: its four panels as
 * dataset versions, its three weights matrices, and the analysis rows of its measurement steps (already
 * run, so stored succeeded) and of its estimation steps (queued, with specs naming the stored ids).
 */

/** The study row fields the records depend on. */
export interface StudyIdentity {
  id: string;
  teamId: string;
  name: string;
  template: StudyTemplate;
  createdBy: string;
}

/** The demo panel's id columns (generateDemo writes `code` and `year`). */
export const studyPanelIds = { unit: 'code', time: 'year' } as const;

const datasetTitles: Record<StudyDatasetRole, string> = {
  panel: 'simulated panel',
  texts: 'work-report texts',
  analysis: 'analysis panel',
  balanced: 'balanced spatial panel',
};

/** The panels in the order they are stored; each derived one names the role it comes from. */
export const studyDatasetRoles: { role: StudyDatasetRole; from?: StudyDatasetRole }[] = [
  { role: 'panel' },
  { role: 'texts' },
  { role: 'analysis', from: 'panel' },
  { role: 'balanced', from: 'analysis' },
];

export function studyDatasetName(study: Pick<StudyIdentity, 'name'>, role: StudyDatasetRole): string {
  return `${study.name}: ${datasetTitles[role]}`;
}

function csvOf(preparation: StudyPreparation, role: StudyDatasetRole): string {
  const { data } = preparation;
  return {
    panel: data.panelCsv,
    texts: data.textsCsv,
    analysis: data.analysisPanelCsv,
    balanced: data.balancedPanelCsv,
  }[role];
}

/** One panel as a dataset version; `sourceDatasetId` is filled in once its source is stored. */
export function studyDatasetDraft(
  study: StudyIdentity,
  preparation: StudyPreparation,
  role: StudyDatasetRole,
): DatasetVersionDraft {
  const csv = csvOf(preparation, role);
  const recipe: DatasetRecipe = { source: 'study', studyId: study.id, template: study.template, role };
  return {
    teamId: study.teamId,
    name: studyDatasetName(study, role),
    content: Buffer.from(csv, 'utf8'),
    unitColumn: studyPanelIds.unit,
    timeColumn: studyPanelIds.time,
    report: describePanel(csv, studyPanelIds.unit, studyPanelIds.time),
    createdBy: study.createdBy,
    recipe,
  };
}

/** A weights matrix to store, described as the API describes an upload (unit ids sorted, neighbour summary). */
/** Stored weights of a study: edge lists built over its balanced panel. */
export type StudyWeightsDraft = WeightsVersionDraft & { format: 'edges' };

/** The balanced panel's stored version, which the weights are built over. */
export interface StoredPanel {
  id: string;
  name: string;
  version: number;
}

/**
 * How the study built each matrix (packages/study spatial-sample.ts), as the build recipe of the balanced
 * panel: kNN and inverse distance on lon/lat in great-circle km, economic distance on mean GDP per capita.
 */
function weightsRecipe(key: StudyWeights['key'], k: number, panel: StoredPanel): WeightsRecipe {
  const base = {
    source: 'build' as const,
    datasetName: panel.name,
    datasetVersion: panel.version,
    datasetId: panel.id,
    unitColumn: studyPanelIds.unit,
  };
  const lonLat = { lon: 'lon', lat: 'lat', greatCircle: true };
  switch (key) {
    case 'knn':
      return { ...base, ...lonLat, method: 'knn', k };
    case 'inverse':
      return { ...base, ...lonLat, method: 'inverse-distance', power: 1 };
    case 'economic':
      return { ...base, method: 'economic', variable: 'gdp_pc' };
  }
}

export function studyWeightsDraft(
  study: StudyIdentity,
  preparation: StudyPreparation,
  weights: StudyWeights,
  balanced: StoredPanel,
): StudyWeightsDraft {
  const triplets = parseWeights(weights.text, weights.file);
  const unitIds = [...triplets.ids].sort();
  // as given (no standardisation), islands kept for the summary: what GET /weights/:id shows
  const { n, links, neighbours, connectivityPercent, symmetric, islands } = summariseWeights(
    matchWeights(triplets, unitIds, { style: 'none', allowIslands: true }),
  );
  return {
    teamId: study.teamId,
    name: `${study.name}: W ${weights.label}`,
    format: 'edges',
    content: weights.text,
    unitIds,
    summary: { n, links, neighbours, connectivityPercent, symmetric, islands },
    recipe: weightsRecipe(weights.key, preparation.demo.dgp.parameters.k, balanced),
    createdBy: study.createdBy,
  };
}

/**
 * A planned step's spec as the platform runs it: the data is the analysis row's dataset, and a weighted
 * step names the stored matrix (`weights.id`). Parsed, so defaults are filled in as for POST /analyses.
 */
export function estimationSpec(step: StudyPlannedStep, weightsIds: StudyWeightsIds): AnalysisSpec {
  const spec = step.spec as Record<string, unknown>;
  if (step.weights === undefined) return parseAnalysisSpec(spec);
  const weights = { ...(spec.weights as object), id: weightsIds[step.weights] };
  return parseAnalysisSpec({ ...spec, weights });
}

/** The dataset an estimation step runs on. */
export function estimationDatasetId(step: StudyPlannedStep, datasetIds: StudyDatasetIds): string {
  return datasetIds[step.dataset];
}
