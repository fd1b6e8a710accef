import type { DatasetView } from '@spillover/contracts';
import type { DatasetEntity } from '@spillover/db';

export function datasetView(dataset: DatasetEntity): DatasetView {
  return {
    id: dataset.id,
    teamId: dataset.teamId,
    name: dataset.name,
    version: dataset.version,
    sha256: dataset.sha256,
    sizeBytes: dataset.sizeBytes,
    createdAt: dataset.createdAt.toISOString(),
    createdBy: dataset.createdBy,
    report: dataset.report,
    sourceDatasetId: dataset.sourceDatasetId,
    sourceAnalysisId: dataset.sourceAnalysisId,
    recipe: dataset.recipe,
  };
}
