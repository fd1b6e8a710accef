import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { WeightsMatrixEntity } from './entities/weights-matrix.entity.js';

/** A weights version to store: its text as analyses read it, its units, summary and how it was made. */
export type WeightsVersionDraft = Pick<
  WeightsMatrixEntity,
  'teamId' | 'name' | 'format' | 'content' | 'unitIds' | 'summary' | 'recipe' | 'createdBy'
>;

/**
 * Stores `draft` as the next version of its name in its team (version = max + 1), with the sha256 of the
 * text. Call it inside a transaction: concurrent writers of one name wait on the same advisory lock, so
 * each gets its own version number.
 */
export async function saveWeightsVersion(
  manager: EntityManager,
  draft: WeightsVersionDraft,
): Promise<WeightsMatrixEntity> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `weights:${draft.teamId}:${draft.name}`,
  ]);
  const latest = await manager
    .createQueryBuilder(WeightsMatrixEntity, 'w')
    .select('MAX(w.version)', 'version')
    .where('w.team_id = :teamId AND w.name = :name', { teamId: draft.teamId, name: draft.name })
    .getRawOne<{ version: number | null }>();
  return manager.save(
    manager.create(WeightsMatrixEntity, {
      ...draft,
      version: (latest?.version ?? 0) + 1,
      sha256: createHash('sha256').update(draft.content).digest('hex'),
      n: draft.unitIds.length,
    }),
  );
}
