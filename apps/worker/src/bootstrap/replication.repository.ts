import type { ReplicationChunk } from '@spillover/core';
import { AnalysisEntity, ReplicationChunkEntity } from '@spillover/db';
import type { DataSource, Repository } from 'typeorm';
import { decodeValues, encodeValues, type ReplicationStore } from './replication.store.js';

/** ReplicationStore on PostgreSQL; status guards live in the WHERE clauses, as in AnalysisRepository. */
export class ReplicationRepository implements ReplicationStore {
  private readonly analyses: Repository<AnalysisEntity>;
  private readonly chunks: Repository<ReplicationChunkEntity>;

  constructor(dataSource: DataSource) {
    this.analyses = dataSource.getRepository(AnalysisEntity);
    this.chunks = dataSource.getRepository(ReplicationChunkEntity);
  }

  async startRun(analysisId: string, worker: string): Promise<boolean> {
    await this.analyses
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
      .where({ id: analysisId, status: 'queued' })
      .execute();
    const row = await this.analyses.findOne({ select: { status: true }, where: { id: analysisId } });
    return row?.status === 'running';
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
