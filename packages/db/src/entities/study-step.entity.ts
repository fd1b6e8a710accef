import type { StudyStepPhase } from '@spillover/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AnalysisEntity } from './analysis.entity.js';
import { StudyEntity } from './study.entity.js';

/** One step of a study and the analysis that is (or ran) it; written once, with the study's preparation. */
@Entity({ name: 'study_steps' })
export class StudyStepEntity {
  @PrimaryColumn({ name: 'study_id', type: 'uuid', primaryKeyConstraintName: 'PK_study_steps' })
  studyId: string;

  @PrimaryColumn({ name: 'step_id', type: 'text', primaryKeyConstraintName: 'PK_study_steps' })
  stepId: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'FK_study_steps_study' })
  study?: StudyEntity;

  /** 1-based, measurement steps first, in report order. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  phase: StudyStepPhase;

  /** One step per analysis. */
  @Index('IDX_study_steps_analysis', { unique: true })
  @Column({ name: 'analysis_id', type: 'uuid' })
  analysisId: string;

  @ManyToOne(() => AnalysisEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'analysis_id', foreignKeyConstraintName: 'FK_study_steps_analysis' })
  analysis?: AnalysisEntity;
}
