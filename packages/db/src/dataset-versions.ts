import { createHash } from 'node:crypto';
import type { DatasetRecipe, ValidationReport } from '@spillover/contracts';
import type { EntityManager } from 'typeorm';
import { DatasetEntity } from './entities/dataset.entity.js';

/** A dataset version to store: the CSV bytes, its validation report and, when derived, its provenance. */
export interface DatasetVersionDraft {
  teamId: string;
  name: string;
  content: Buffer;
  unitColumn: string;
  timeColumn: string;
  report: ValidationReport;
  createdBy: string;
  sourceDatasetId?: string | null;
  sourceAnalysisId?: string | null;
  recipe?: DatasetRecipe | null;
}

/**
 * Stores `draft` as the next version of its name in its team (version = max + 1), with the sha256 of the
 * bytes. Call it inside a transaction: concurrent writers of one name wait on the same advisory lock as
 * uploads do, so each gets its own version number.
 */
export async function saveDatasetVersion(
  manager: EntityManager,
  draft: DatasetVersionDraft,
): Promise<DatasetEntity> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `dataset:${draft.teamId}:${draft.name}`,
  ]);
  const latest = await manager
    .createQueryBuilder(DatasetEntity, 'd')
    .select('MAX(d.version)', 'version')
    .where('d.team_id = :teamId AND d.name = :name', { teamId: draft.teamId, name: draft.name })
    .getRawOne<{ version: number | null }>();
  return manager.save(
    manager.create(DatasetEntity, {
      teamId: draft.teamId,
      name: draft.name,
      version: (latest?.version ?? 0) + 1,
      sha256: createHash('sha256').update(draft.content).digest('hex'),
      sizeBytes: draft.content.length,
      content: draft.content,
      unitColumn: draft.unitColumn,
      timeColumn: draft.timeColumn,
      report: draft.report,
      createdBy: draft.createdBy,
      sourceDatasetId: draft.sourceDatasetId ?? null,
      sourceAnalysisId: draft.sourceAnalysisId ?? null,
      recipe: draft.recipe ?? null,
    }),
  );
}
