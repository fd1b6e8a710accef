import type { DatasetRecipe, ValidationReport } from '@spillover/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
// type-only: analysis.entity imports this file; the relation below names its target by string
import type { AnalysisEntity } from './analysis.entity.js';
import { TeamEntity } from './team.entity.js';

/**
 * One immutable version of an uploaded panel. Uploading under an existing name adds version n + 1;
 * rows are never updated. The CSV bytes live here: PostgreSQL is the system of record.
 */
@Entity({ name: 'datasets' })
@Index(['teamId', 'name', 'version'], { unique: true })
export class DatasetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_datasets_team' })
  team?: TeamEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  version: number;

  /** Hex sha256 of the CSV bytes. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'unit_column', type: 'text' })
  unitColumn: string;

  @Column({ name: 'time_column', type: 'text' })
  timeColumn: string;

  @Column({ type: 'jsonb' })
  report: ValidationReport;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Provenance of a version the platform derived from another (a measurement's output); else null. */
  @Index()
  @Column({ name: 'source_dataset_id', type: 'uuid', nullable: true })
  sourceDatasetId: string | null;

  @ManyToOne(() => DatasetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_dataset_id', foreignKeyConstraintName: 'FK_datasets_source_dataset' })
  sourceDataset?: DatasetEntity;

  /** The analysis that made this version; unique, so a retried job cannot store a second one. */
  @Index({ unique: true })
  @Column({ name: 'source_analysis_id', type: 'uuid', nullable: true })
  sourceAnalysisId: string | null;

  @ManyToOne('AnalysisEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_analysis_id', foreignKeyConstraintName: 'FK_datasets_source_analysis' })
  sourceAnalysis?: Relation<AnalysisEntity>;

  /** How a derived or text-built version was made (spec, source version, columns); null for an uploaded panel. */
  @Column({ type: 'jsonb', nullable: true })
  recipe: DatasetRecipe | null;
}
