import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { AnalysisEntity } from './analysis.entity.js';

/**
 * How an analysis came to be, beyond its row: the code version that accepted it and, for a re-run, the
 * analysis it repeats. Written once, when the analysis is stored.
 */
@Entity({ name: 'analysis_provenance' })
export class AnalysisProvenanceEntity {
  @PrimaryColumn({ name: 'analysis_id', type: 'uuid', primaryKeyConstraintName: 'PK_analysis_provenance' })
  analysisId: string;

  @OneToOne(() => AnalysisEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'analysis_id', foreignKeyConstraintName: 'FK_analysis_provenance_analysis' })
  analysis?: AnalysisEntity;

  /** Root package.json version of the build. */
  @Column({ name: 'code_version', type: 'text' })
  codeVersion: string;

  /** Git commit of the build, or "unknown". */
  @Column({ name: 'code_commit', type: 'text' })
  codeCommit: string;

  @Column({ name: 'rerun_of', type: 'uuid', nullable: true })
  rerunOf: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
