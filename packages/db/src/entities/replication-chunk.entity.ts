import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AnalysisEntity } from './analysis.entity.js';

/**
 * The stored output of one chunk of bootstrap or permutation replications (from ≤ r < to) of an
 * analysis. Keyed by (analysis, from, to): a retried chunk overwrites its row, so it never counts twice.
 */
@Entity({ name: 'replication_chunks' })
export class ReplicationChunkEntity {
  @PrimaryColumn({ name: 'analysis_id', type: 'uuid', primaryKeyConstraintName: 'PK_replication_chunks' })
  analysisId: string;

  @PrimaryColumn({ name: 'from_rep', type: 'integer', primaryKeyConstraintName: 'PK_replication_chunks' })
  fromRep: number;

  @PrimaryColumn({ name: 'to_rep', type: 'integer', primaryKeyConstraintName: 'PK_replication_chunks' })
  toRep: number;

  @ManyToOne(() => AnalysisEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'analysis_id', foreignKeyConstraintName: 'FK_replication_chunks_analysis' })
  analysis?: AnalysisEntity;

  /** Names of the statistics each replication records. */
  @Column({ type: 'jsonb' })
  statistics: string[];

  /** (to − from) × statistics float64 values, little-endian, row-major; NaN where a replication failed. */
  @Column({ type: 'bytea' })
  values: Buffer;

  /** Replications that could not be estimated (e.g. a singular resample). */
  @Column({ type: 'integer' })
  failed: number;

  /** The worker that stored it last (host:pid). */
  @Column({ type: 'text' })
  worker: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
