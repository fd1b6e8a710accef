import {
  isDerivingKind,
  SpilloverError,
  type AnalysisResult,
  type AnalysisSpec,
  type DatasetRecipe,
} from '@spillover/contracts';
import { appendColumnsToCsv, describePanel, measurementColumns } from '@spillover/core';
import type { DatasetVersionDraft } from '@spillover/db';

/** What a measurement analysis's new dataset version is derived from. */
export interface DerivationSource {
  analysisId: string;
  createdBy: string;
  /** The name asked for at submission; null stores under the source dataset's name. */
  requestedName: string | null;
  dataset: {
    id: string;
    teamId: string;
    name: string;
    version: number;
    unitColumn: string;
    timeColumn: string;
  };
}

/** The spec field that names an output column, for a clash with a column the panel already has. */
function outputField(spec: AnalysisSpec, column: string): string {
  if (spec.kind !== 'transform') return 'output';
  const step = spec.steps.findIndex((s) => s.as === column);
  return step >= 0 ? `steps[${step}].as` : 'steps';
}

/**
 * The panel of a succeeded measurement analysis with the result's columns appended (core's
 * measurementColumns: scores, LQs, keyword counts, transformed columns), validated like an upload and
 * labelled with its provenance; undefined for kinds that add no columns. Linear in the panel's size, as
 * an upload's validation is, so it runs on the worker's event loop after the estimation thread is done.
 */
export function prepareDerivedDataset(
  spec: AnalysisSpec,
  result: AnalysisResult,
  panelCsv: string,
  source: DerivationSource,
): DatasetVersionDraft | undefined {
  if (!isDerivingKind(spec.kind)) return undefined;
  const columns = measurementColumns(spec, result, panelCsv);
  let csv: string;
  try {
    csv = appendColumnsToCsv(panelCsv, columns, `dataset ${source.dataset.name} v${source.dataset.version}`);
  } catch (error) {
    // a clash of names is the spec's to fix: INVALID_SPEC is not retried
    if (
      error instanceof SpilloverError &&
      error.code === 'CONFLICT' &&
      typeof error.details.column === 'string'
    ) {
      const field = outputField(spec, error.details.column);
      throw new SpilloverError('INVALID_SPEC', `${field}: ${error.message}`, {
        field,
        column: error.details.column,
      });
    }
    throw error;
  }
  const { dataset } = source;
  const recipe: DatasetRecipe = {
    source: 'measurement',
    analysisId: source.analysisId,
    spec,
    sourceDatasetId: dataset.id,
    sourceName: dataset.name,
    sourceVersion: dataset.version,
    columns: columns.map((c) => c.name),
  };
  return {
    teamId: dataset.teamId,
    name: source.requestedName ?? dataset.name,
    content: Buffer.from(csv, 'utf8'),
    unitColumn: dataset.unitColumn,
    timeColumn: dataset.timeColumn,
    report: describePanel(csv, dataset.unitColumn, dataset.timeColumn),
    createdBy: source.createdBy,
    sourceDatasetId: dataset.id,
    sourceAnalysisId: source.analysisId,
    recipe,
  };
}
