import type { WeightsFormat, WeightsRecipe, WeightsSummaryView } from '@spillover/contracts';
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
 * One immutable version of a spatial weights matrix, uploaded or built from a dataset. Storing under an
 * existing name adds version n + 1; rows are never updated. `content` is the text core parses (an
 * upload as sent; a build as an edge list `from,to,weight`).
 */
@Entity({ name: 'weights_matrices' })
@Index(['teamId', 'name', 'version'], { unique: true })
export class WeightsMatrixEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_weights_matrices_team' })
  team?: TeamEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  version: number;

  /** Hex sha256 of the content (UTF-8). */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text' })
  format: WeightsFormat;

  @Column({ type: 'text', select: false })
  content: string;

  /** Every unit id of the matrix, sorted: lets the API check a dataset's units without parsing. */
  @Column({ name: 'unit_ids', type: 'jsonb' })
  unitIds: string[];

  @Column({ type: 'integer' })
  n: number;

  @Column({ type: 'jsonb' })
  summary: WeightsSummaryView;

  @Column({ type: 'jsonb' })
  recipe: WeightsRecipe;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
