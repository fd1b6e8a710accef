import type {
  AnalysisResult,
  AnalysisSpec,
  AnalysisStatus,
  Progress,
  SerializedError,
} from '@spillover/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DatasetEntity } from './dataset.entity.js';
import { TeamEntity } from './team.entity.js';

/**
 * The system of record for an analysis: spec, dataset version, status, progress, result or error and
 * timings. BullMQ only delivers work; a job lost by Redis is re-queued from this table.
 */
@Entity({ name: 'analyses' })
export class AnalysisEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_analyses_team' })
  team?: TeamEntity;

  @Index()
  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId: string;

  @ManyToOne(() => DatasetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dataset_id', foreignKeyConstraintName: 'FK_analyses_dataset' })
  dataset?: DatasetEntity;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  model: string | null;

  @Column({ type: 'jsonb' })
  spec: AnalysisSpec;

  @Index()
  @Column({ type: 'text', default: 'queued' })
  status: AnalysisStatus;

  @Column({ type: 'jsonb', nullable: true })
  progress: Progress | null;

  @Column({ type: 'jsonb', nullable: true })
  result: AnalysisResult | null;

  @Column({ type: 'jsonb', nullable: true })
  error: SerializedError | null;

  /** How many times a worker started it. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Which worker ran it last (host:pid). */
  @Column({ type: 'text', nullable: true })
  worker: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Measurement kinds: the name to store the derived dataset version under (default: the source's name). */
  @Column({ name: 'derived_dataset_name', type: 'text', nullable: true })
  derivedDatasetName: string | null;

  /** Measurement kinds: the dataset version the succeeded analysis stored (its panel with the new columns). */
  @Column({ name: 'derived_dataset_id', type: 'uuid', nullable: true })
  derivedDatasetId: string | null;

  @ManyToOne(() => DatasetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'derived_dataset_id', foreignKeyConstraintName: 'FK_analyses_derived_dataset' })
  derivedDataset?: DatasetEntity;
}
