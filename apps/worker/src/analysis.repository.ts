import { type AnalysisResult, type Progress, type SerializedError, weightsFileName } from '@spillover/contracts';
import { AnalysisEntity, DatasetEntity, WeightsMatrixEntity } from '@spillover/db';
import { type DataSource, In, LessThan, Not, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { AnalysisStore, AnalysisToRun, StoredWeights, UnfinishedAnalysis } from './analysis.store.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function failedWith(error: SerializedError): QueryDeepPartialEntity<AnalysisEntity> {
  // ErrorDetails' open index signature does not fit TypeORM's deep-partial type; it is plain JSON for jsonb.
  return {
    status: 'failed',
    error: error as QueryDeepPartialEntity<SerializedError>,
    finishedAt: () => 'now()',
  };
}

/** AnalysisStore on PostgreSQL through @spillover/db. Status guards live in the WHERE clauses, so racing writers cannot regress a row. */
export class AnalysisRepository implements AnalysisStore {
  private readonly analyses: Repository<AnalysisEntity>;
  private readonly datasets: Repository<DatasetEntity>;
  private readonly weights: Repository<WeightsMatrixEntity>;

  constructor(dataSource: DataSource) {
    this.analyses = dataSource.getRepository(AnalysisEntity);
    this.datasets = dataSource.getRepository(DatasetEntity);
    this.weights = dataSource.getRepository(WeightsMatrixEntity);
  }

  async loadForRun(analysisId: string): Promise<AnalysisToRun | null> {
    const analysis = await this.analyses.findOneBy({ id: analysisId });
    if (!analysis) return null;
    // `content` is select:false so listings never pull the bytes; ask for it explicitly, decoded by
    // PostgreSQL: half the bytes of bytea's hex form on the wire and no decoding on the event loop.
    const dataset = await this.datasets
      .createQueryBuilder('dataset')
      .select(`convert_from(dataset.content, 'UTF8')`, 'csv')
      .where('dataset.id = :id', { id: analysis.datasetId })
      .getRawOne<{ csv: string }>();
    if (!dataset) throw new Error(`dataset ${analysis.datasetId} of analysis ${analysisId} does not exist`);
    return {
      id: analysis.id,
      status: analysis.status,
      spec: analysis.spec,
      panelCsv: dataset.csv,
    };
  }

  async loadWeights(weightsId: string): Promise<StoredWeights | null> {
    // not an id at all: absent, rather than a query error that would be retried
    if (!uuidPattern.test(weightsId)) return null;
    // `content` is select:false; ask for it explicitly
    const row = await this.weights
      .createQueryBuilder('weights')
      .select(['weights.name AS name', 'weights.format AS format', 'weights.content AS content'])
      .where('weights.id = :id', { id: weightsId })
      .getRawOne<Pick<WeightsMatrixEntity, 'name' | 'format' | 'content'>>();
    return row ? { name: weightsFileName(row.name, row.format), text: row.content } : null;
  }

  async markRunning(analysisId: string, worker: string): Promise<boolean> {
    const { affected } = await this.analyses
      .createQueryBuilder()
      .update()
      .set({
        status: 'running',
        attempts: () => 'attempts + 1',
        worker,
        startedAt: () => 'now()',
        finishedAt: null,
        progress: null,
        error: null,
      })
      .where({ id: analysisId, status: Not(In(['succeeded', 'cancelled'])) })
      .execute();
    return (affected ?? 0) > 0;
  }

  async saveProgress(analysisId: string, progress: Progress): Promise<void> {
    await this.analyses.update({ id: analysisId, status: 'running' }, { progress });
  }

  async markSucceeded(analysisId: string, result: AnalysisResult): Promise<void> {
    await this.analyses
      .createQueryBuilder()
      .update()
      .set({ status: 'succeeded', result, error: null, finishedAt: () => 'now()' })
      .where({ id: analysisId, status: Not('cancelled') })
      .execute();
  }

  async markFailed(analysisId: string, error: SerializedError): Promise<void> {
    await this.analyses
      .createQueryBuilder()
      .update()
      .set(failedWith(error))
      .where({ id: analysisId, status: Not(In(['succeeded', 'cancelled'])) })
      .execute();
  }

  async markFailedIfUnfinished(analysisId: string, error: SerializedError): Promise<boolean> {
    const { affected } = await this.analyses
      .createQueryBuilder()
      .update()
      .set(failedWith(error))
      .where({ id: analysisId, status: In(['queued', 'running']) })
      .execute();
    return (affected ?? 0) > 0;
  }

  async findUnfinished(queuedBefore: Date): Promise<UnfinishedAnalysis[]> {
    const rows = await this.analyses.find({
      select: { id: true, status: true },
      where: [{ status: 'running' }, { status: 'queued', createdAt: LessThan(queuedBefore) }],
      order: { createdAt: 'ASC' },
    });
    return rows.map((row) => ({ id: row.id, status: row.status as UnfinishedAnalysis['status'] }));
  }
}
