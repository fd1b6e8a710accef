import type {
  SerializedError,
  StudyDatasetIds,
  StudyOptionsView,
  StudyReportTableView,
  StudyStage,
  StudyStatus,
  StudyTemplate,
  StudyWeightsIds,
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
import { TeamEntity } from './team.entity.js';

/** A stored table of a study's report, as `GET /studies/:id/tables/:tableId` serves it. */
export interface StoredStudyTable extends StudyReportTableView {
  tex: string;
  csv: string;
}

/**
 * A study template's run: options, status and stage, the datasets and weights its preparation stored and,
 * once every step has ended, the report. Its steps are rows of study_steps, each an ordinary analysis.
 */
@Entity({ name: 'studies' })
export class StudyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_studies' })
  id: string;

  @Index('IDX_studies_team')
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_studies_team' })
  team?: TeamEntity;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  template: StudyTemplate;

  @Column({ type: 'jsonb' })
  options: StudyOptionsView;

  @Column({ type: 'text', default: 'queued' })
  status: StudyStatus;

  @Column({ type: 'text', default: 'preparation' })
  stage: StudyStage;

  @Column({ type: 'jsonb', nullable: true })
  error: SerializedError | null;

  /** Version and commit of the API that accepted the study: the provenance of every analysis it creates. */
  @Column({ name: 'code_version', type: 'text' })
  codeVersion: string;

  @Column({ name: 'code_commit', type: 'text' })
  codeCommit: string;

  /** Set with the steps by the preparation, in the same transaction. */
  @Column({ name: 'dataset_ids', type: 'jsonb', nullable: true })
  datasetIds: StudyDatasetIds | null;

  @Column({ name: 'weights_ids', type: 'jsonb', nullable: true })
  weightsIds: StudyWeightsIds | null;

  /** When the flow of the estimation steps and the report was added: a re-delivered preparation stops here. */
  @Column({ name: 'flow_enqueued_at', type: 'timestamptz', nullable: true })
  flowEnqueuedAt: Date | null;

  /** The report's tables without their text (views list them); null until the report is stored. */
  @Column({ name: 'report_tables', type: 'jsonb', nullable: true })
  reportTables: StudyReportTableView[] | null;

  @Column({ name: 'report_html', type: 'text', nullable: true, select: false })
  reportHtml: string | null;

  @Column({ name: 'report_files', type: 'jsonb', nullable: true, select: false })
  reportFiles: StoredStudyTable[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
