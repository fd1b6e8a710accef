import type { AnalysisResult } from '@spillover/contracts';
import { AnalysisEntity, DatasetEntity, saveDatasetVersion, type DatasetVersionDraft } from '@spillover/db';
import type { DataSource } from 'typeorm';

/**
 * Marks a measurement analysis succeeded and stores its derived dataset version in one transaction, so
 * either both are there or neither. Exactly once: a re-run of the analysis (a retried or re-delivered job)
 * finds the version already keyed by its `source_analysis_id` and points at it again; two racing runs
 * collide on that unique index and the loser rolls back (BullMQ retries it, and it then finds the row).
 * Nothing is written if the analysis was cancelled meanwhile.
 */
export async function markSucceededWithDerivedDataset(
  dataSource: DataSource,
  analysisId: string,
  result: AnalysisResult,
  draft: DatasetVersionDraft,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const analysis = await manager.findOne(AnalysisEntity, {
      select: { id: true, status: true },
      where: { id: analysisId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!analysis || analysis.status === 'cancelled') return;
    const existing = await manager.findOne(DatasetEntity, {
      select: { id: true },
      where: { sourceAnalysisId: analysisId },
    });
    const derivedDatasetId = existing?.id ?? (await saveDatasetVersion(manager, draft)).id;
    await manager
      .createQueryBuilder()
      .update(AnalysisEntity)
      .set({ status: 'succeeded', result, error: null, finishedAt: () => 'now()', derivedDatasetId })
      .where({ id: analysisId })
      .execute();
  });
}
