import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TeamEntity } from './team.entity.js';

/** A saved side-by-side table of a team's models: which analyses, in which column order, with which labels. */
@Entity({ name: 'comparisons' })
export class ComparisonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_comparisons' })
  id: string;

  @Index('IDX_comparisons_team')
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_comparisons_team' })
  team?: TeamEntity;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'text' })
  title: string;

  /** Analysis ids in column order. */
  @Column({ name: 'analysis_ids', type: 'jsonb' })
  analysisIds: string[];

  @Column({ name: 'column_labels', type: 'jsonb' })
  columnLabels: string[];

  @Column({ name: 'model_titles', type: 'jsonb' })
  modelTitles: string[];

  /** Term → printed label. */
  @Column({ name: 'variable_labels', type: 'jsonb' })
  variableLabels: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
