import type { AnalysisEvents, AnalysisView } from '@spillover/contracts';
import type { AnalysisEntity } from '@spillover/db';

export function analysisView(analysis: AnalysisEntity): AnalysisView {
  return {
    id: analysis.id,
    teamId: analysis.teamId,
    datasetId: analysis.datasetId,
    title: analysis.title,
    kind: analysis.kind,
    model: analysis.model,
    status: analysis.status,
    progress: analysis.progress,
    spec: analysis.spec,
    result: analysis.result,
    error: analysis.error,
    attempts: analysis.attempts,
    createdBy: analysis.createdBy,
    createdAt: analysis.createdAt.toISOString(),
    startedAt: analysis.startedAt?.toISOString() ?? null,
    finishedAt: analysis.finishedAt?.toISOString() ?? null,
    derivedDatasetId: analysis.derivedDatasetId,
  };
}

export function statusEvent(analysis: AnalysisEntity): AnalysisEvents['status'] {
  return { id: analysis.id, status: analysis.status, error: analysis.error };
}
