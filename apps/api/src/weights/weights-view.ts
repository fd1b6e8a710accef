import type { WeightsView } from '@spillover/contracts';
import type { WeightsMatrixEntity } from '@spillover/db';

export function weightsView(weights: WeightsMatrixEntity): WeightsView {
  return {
    id: weights.id,
    teamId: weights.teamId,
    name: weights.name,
    version: weights.version,
    sha256: weights.sha256,
    format: weights.format,
    n: weights.n,
    unitIds: weights.unitIds,
    summary: weights.summary,
    recipe: weights.recipe,
    createdAt: weights.createdAt.toISOString(),
    createdBy: weights.createdBy,
  };
}
