import type {
  AnalysisResult,
  AnalysisSpec,
  AnalysisStatus,
  CodeVersion,
  SerializedError,
  StudyOptionsView,
  StudyReportTableView,
  StudyStage,
  StudyStatus,
} from '@spillover/contracts';
import type { StoredStudyTable } from '@spillover/db';
import type { StudyPreparation } from '@spillover/study';
import type { StudyIdentity } from './study-records.js';

/** What the study handlers read and write (implemented by StudyRepository on PostgreSQL). */

export interface StudyToRun extends StudyIdentity {
  status: StudyStatus;
  stage: StudyStage;
  options: StudyOptionsView;
  flowEnqueued: boolean;
  /** sha256 of the stored analysis panel, once prepared: the report checks it rebuilds the same data. */
  analysisPanelSha256: string | null;
  /** The code version of the API that accepted the study: the provenance of the analyses it creates. */
  code: CodeVersion;
}

/** An estimation step's queued analysis, as its job needs it. */
export interface EstimationAnalysis {
  stepId: string;
  analysisId: string;
  spec: AnalysisSpec;
}

/** A step with its analysis's outcome, for the report. */
export interface StudyStepOutcomeRow {
  stepId: string;
  phase: 'measurement' | 'estimation';
  analysisId: string;
  status: AnalysisStatus;
  result: AnalysisResult | null;
  error: SerializedError | null;
  seconds: number | null;
}

export interface StudyReportRecord {
  status: 'succeeded' | 'failed';
  error: SerializedError | null;
  html: string;
  tables: StudyReportTableView[];
  files: StoredStudyTable[];
}

/** An unfinished study, as the study sweeper sees it. */
export interface UnfinishedStudy {
  id: string;
  flowEnqueued: boolean;
  /** Its step analyses still queued or running. */
  openSteps: number;
}

export interface StudyStore {
  load(studyId: string): Promise<StudyToRun | null>;
  /** Studies queued or running, created before `createdBefore`, oldest first. */
  findUnfinished(createdBefore: Date): Promise<UnfinishedStudy[]>;
  /** queued → running (started now); false when the study is no longer queued or running. */
  markRunning(studyId: string): Promise<boolean>;
  /** The estimation analyses of a prepared study in plan order; empty before its preparation is stored. */
  estimationAnalyses(studyId: string): Promise<EstimationAnalysis[]>;
  /**
   * Stores datasets, weights, the measurement analyses (succeeded) and the estimation analyses (queued) with
   * their steps, and moves the study to `estimation`, in one transaction; once per study: a study already
   * prepared keeps its records. Null when the study is no longer queued or running (cancelled meanwhile).
   */
  savePreparation(
    study: StudyToRun,
    preparation: StudyPreparation,
    worker: string,
  ): Promise<EstimationAnalysis[] | null>;
  /** Records that the flow of the estimation jobs and the report was added. */
  markFlowEnqueued(studyId: string): Promise<void>;
  markStage(studyId: string, stage: StudyStage): Promise<void>;
  /** Every step in position order with its analysis's status and result. */
  stepOutcomes(studyId: string): Promise<StudyStepOutcomeRow[]>;
  /** Stores the report and the final status unless the study was cancelled meanwhile. */
  saveReport(studyId: string, report: StudyReportRecord): Promise<void>;
  /** Records a failure unless the study already ended, and cancels its steps' analyses that have not ended. */
  markFailed(studyId: string, error: SerializedError): Promise<void>;
}
