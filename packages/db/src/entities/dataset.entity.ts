import type { ValidationReport } from '@spillover/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
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
}
