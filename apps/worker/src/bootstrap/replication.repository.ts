import type { AnalysisSpec, AnalysisStatus } from '@spillover/contracts';
import type { ReplicationChunk } from '@spillover/core';
import { AnalysisEntity, ReplicationChunkEntity } from '@spillover/db';
import type { DataSource, Repository } from 'typeorm';
import { decodeValues, encodeValues, type ReplicationStore } from './replication.store.js';

/** ReplicationStore on PostgreSQL; status guards live in the WHERE clauses, as in AnalysisRepository. */
export class ReplicationRepository implements ReplicationStore {
  private readonly analyses: Repository<AnalysisEntity>;
  private readonly chunks: Repository<ReplicationChunkEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.analyses = dataSource.getRepository(AnalysisEntity);
    this.chunks = dataSource.getRepository(ReplicationChunkEntity);
  }

  async startRun(analysisId: string, worker: string): Promise<boolean> {
    // one round trip: the change queued → running, or else the status as it is
    const rows: { status: AnalysisStatus }[] = await this.dataSource.query(
      `WITH started AS (
         UPDATE analyses
            SET status = 'running', attempts = attempts + 1, worker = $2, started_at = now(),
                finished_at = NULL, progress = NULL, error = NULL
          WHERE id = $1 AND status = 'queued'
         RETURNING status)
       SELECT status FROM started
       UNION ALL
       SELECT status FROM analyses WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM started)`,
      [analysisId, worker],
    );
    // 'queued' here: another chunk's statement is starting it at this moment
    const status = rows[0]?.status;
    return status === 'running' || status === 'queued';
  }

  async loadRunSpec(analysisId: string): Promise<{ spec: AnalysisSpec; datasetId: string } | null> {
    const row = await this.analyses.findOne({
      select: { spec: true, datasetId: true },
      where: { id: analysisId },
    });
    return row ? { spec: row.spec, datasetId: row.datasetId } : null;
  }

  async loadDatasetCsv(datasetId: string): Promise<string | null> {
    // decoded by PostgreSQL: half the bytes of bytea's hex form
    const rows: { csv: string }[] = await this.dataSource.query(
      `SELECT convert_from(content, 'UTF8') AS csv FROM datasets WHERE id = $1`,
      [datasetId],
    );
    return rows[0]?.csv ?? null;
  }

  async statusOf(analysisId: string): Promise<AnalysisStatus | null> {
    const row = await this.analyses.findOne({ select: { status: true }, where: { id: analysisId } });
    return row?.status ?? null;
  }

  async saveChunk(analysisId: string, chunk: ReplicationChunk, worker: string): Promise<void> {
    await this.chunks
      .createQueryBuilder()
      .insert()
      .values({
        analysisId,
        fromRep: chunk.from,
        toRep: chunk.to,
        statistics: chunk.statistics,
        values: encodeValues(chunk.values),
        failed: chunk.failed,
        worker,
        updatedAt: () => 'now()',
      })
      .orUpdate(
        ['statistics', 'values', 'failed', 'worker', 'updated_at'],
        ['analysis_id', 'from_rep', 'to_rep'],
      )
      .execute();
  }

  async loadChunks(
    analysisId: string,
    kind: ReplicationChunk['kind'],
    ranges: [number, number][],
  ): Promise<ReplicationChunk[]> {
    const rows = await this.chunks.find({ where: { analysisId } });
    const byRange = new Map(rows.map((row) => [`${row.fromRep}-${row.toRep}`, row]));
    return ranges.flatMap(([from, to]) => {
      const row = byRange.get(`${from}-${to}`);
      if (!row) return [];
      return [
        { kind, from, to, statistics: row.statistics, values: decodeValues(row.values), failed: row.failed },
      ];
    });
  }
}
