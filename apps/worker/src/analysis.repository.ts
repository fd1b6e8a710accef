import {
  type AnalysisResult,
  type Progress,
  type SerializedError,
  weightsFileName,
} from '@spillover/contracts';
import { AnalysisEntity, DatasetEntity, type DatasetVersionDraft, WeightsMatrixEntity } from '@spillover/db';
import { type DataSource, In, LessThan, Not, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { AnalysisStore, AnalysisToRun, StoredWeights, UnfinishedAnalysis } from './analysis.store.js';
import { markSucceededWithDerivedDataset } from './derived-dataset.repository.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function failedWith(error: SerializedError): QueryDeepPartialEntity<AnalysisEntity> {
  // ErrorDetails' open index signature does not fit TypeORM's deep-partial type; it is plain JSON for jsonb.
  return {
    status: 'failed',
    error: error as QueryDeepPartialEntity<SerializedError>,
    finishedAt: () => 'now()',
  };
}

/** The CSV of an analysis's dataset with what a derived version needs (raw columns as TypeORM names them). */
type DatasetRow = { csv: string } & Record<
  `dataset_${'team_id' | 'name' | 'version' | 'unit_column' | 'time_column'}`,
  string
>;

/** AnalysisStore on PostgreSQL through @spillover/db. Status guards live in the WHERE clauses, so racing writers cannot regress a row. */
export class AnalysisRepository implements AnalysisStore {
  private readonly analyses: Repository<AnalysisEntity>;
  private readonly datasets: Repository<DatasetEntity>;
  private readonly weights: Repository<WeightsMatrixEntity>;

  constructor(private readonly dataSource: DataSource) {
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
      .addSelect([
        'dataset.teamId',
        'dataset.name',
        'dataset.version',
        'dataset.unitColumn',
        'dataset.timeColumn',
      ])
      .where('dataset.id = :id', { id: analysis.datasetId })
      .getRawOne<DatasetRow>();
    if (!dataset) throw new Error(`dataset ${analysis.datasetId} of analysis ${analysisId} does not exist`);
    return {
      id: analysis.id,
      status: analysis.status,
      spec: analysis.spec,
      panelCsv: dataset.csv,
      derivation: {
        analysisId: analysis.id,
        createdBy: analysis.createdBy,
        requestedName: analysis.derivedDatasetName,
        dataset: {
          id: analysis.datasetId,
          teamId: dataset.dataset_team_id,
          name: dataset.dataset_name,
          version: Number(dataset.dataset_version),
          unitColumn: dataset.dataset_unit_column,
          timeColumn: dataset.dataset_time_column,
        },
      },
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

  async markSucceeded(
    analysisId: string,
    result: AnalysisResult,
    derived?: DatasetVersionDraft,
  ): Promise<void> {
    if (derived) return markSucceededWithDerivedDataset(this.dataSource, analysisId, result, derived);
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
