import { z } from 'zod';
import { AnalysisStatus, Progress } from './jobs.js';
import type { SerializedError } from './errors.js';

/**
 * Study templates: a whole study (simulated data → measurement → estimation plan → report) run on the
 * platform as queued jobs. The data preparation and the measurement steps run in one StudyPrepare job;
 * every estimation step is an ordinary analysis; a StudyReport job writes the report once all have ended.
 */

export const studyTemplates = ['digital-resilience'] as const;
export const StudyTemplate = z.enum(studyTemplates);
export type StudyTemplate = z.infer<typeof StudyTemplate>;

/** The demo generator's default seed (`spillover demo` / `spillover study` without --seed). */
export const defaultStudySeed = 1;

/** Fewer cities than this leave too few units for the spatial and heterogeneity steps. */
export const minStudyCities = 20;

/** Body of `POST /studies`. */
export const CreateStudyBody = z.strictObject({
  teamId: z.string().uuid('teamId must be a UUID'),
  template: StudyTemplate.default('digital-resilience'),
  name: z.string().trim().min(1, 'name cannot be empty').max(200).optional(),
  seed: z.number().int('seed must be an integer').min(0).max(2_147_483_647).default(defaultStudySeed),
  /** Fewer replications (bootstrap 50 instead of 500, impact draws 100 instead of 1000) and 60 cities unless `cities` is given. */
  quick: z.boolean().default(false),
  /** Cities of the simulated panel, evenly spaced through the list; all of them when absent (or larger than the list). */
  cities: z
    .number()
    .int('cities must be an integer')
    .min(minStudyCities, `cities must be at least ${minStudyCities}`)
    .max(1000)
    .optional(),
});
export type CreateStudyBody = z.infer<typeof CreateStudyBody>;
export type CreateStudyInput = z.input<typeof CreateStudyBody>;

/** Body of `POST /studies/sample-dataset`: stores the demo panel of the default seed as a dataset of the team. */
export const CreateSampleDatasetBody = z.strictObject({
  teamId: z.string().uuid('teamId must be a UUID'),
  /** Dataset name (default `sampleDatasetName`); storing it again adds a version. */
  name: z.string().trim().min(1, 'name cannot be empty').max(200).optional(),
});
export type CreateSampleDatasetBody = z.infer<typeof CreateSampleDatasetBody>;

/** Name of the sample dataset unless the request names it; its unit and time columns are `code` and `year`. */
export const sampleDatasetName = 'demo-digital-resilience';

/** Query of `GET /studies/:id/tables/:tableId`. */
export const StudyTableQuery = z.strictObject({ format: z.enum(['csv', 'tex']).default('csv') });
export type StudyTableQuery = z.infer<typeof StudyTableQuery>;

/** Query of `GET /studies`: one team, or every team of the caller. */
export const StudyListQuery = z.strictObject({ teamId: z.string().uuid('teamId must be a UUID').optional() });
export type StudyListQuery = z.infer<typeof StudyListQuery>;

/** A study's status: like an analysis's; `failed` also when some step failed (its report is still written). */
export const studyStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const StudyStatus = z.enum(studyStatuses);
export type StudyStatus = z.infer<typeof StudyStatus>;

/**
 * Where a study is: `preparation` (StudyPrepare: data, measurement steps, stored datasets and weights),
 * `estimation` (the steps' analyses run), `report` (every step has ended; StudyReport is writing the
 * report), `done` (report stored, or the study failed or was cancelled).
 */
export const studyStages = ['preparation', 'estimation', 'report', 'done'] as const;
export type StudyStage = (typeof studyStages)[number];

/** measurement: run during preparation, stored already succeeded; estimation: a queued analysis of its own. */
export type StudyStepPhase = 'measurement' | 'estimation';

/** The options the study runs with (`cities` null: every city of the list). */
export interface StudyOptionsView {
  seed: number;
  quick: boolean;
  cities: number | null;
}

/** One step of a study: its analysis, with that analysis's status and progress. */
export interface StudyStepView {
  /** e.g. `entropy-index`, `baseline-1`, `sdm-knn`. */
  stepId: string;
  title: string;
  /** 1-based over measurement and estimation steps, in report order. */
  position: number;
  phase: StudyStepPhase;
  analysisId: string;
  status: AnalysisStatus;
  progress: Progress | null;
  error: SerializedError | null;
}

/** The dataset versions a study stored (provenance recipe `{ source: 'study', studyId }`). */
export interface StudyDatasetIds {
  /** The simulated panel as generated. */
  panel: string;
  /** Government work-report texts. */
  texts: string;
  /** The panel with the measurement columns (entropy index, LQ, keyword index, transformations). */
  analysis: string;
  /** The analysis panel's cities observed in every year on the spatial variables. */
  balanced: string;
}

/** The stored weights matrices of a study, over the balanced panel's cities. */
export interface StudyWeightsIds {
  knn: string;
  inverse: string;
  economic: string;
}

/** A table of the report: `GET /studies/:id/tables/:tableId?format=csv|tex`. */
export interface StudyReportTableView {
  id: string;
  stepId: string;
  analysisId: string;
}

export interface StudyReportView {
  /** `GET /studies/:id/report` serves the HTML. */
  available: boolean;
  tables: StudyReportTableView[];
}

export interface StudyView {
  id: string;
  teamId: string;
  name: string;
  template: StudyTemplate;
  status: StudyStatus;
  stage: StudyStage;
  options: StudyOptionsView;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: string;
  /** Why the study failed: the preparation's error, or which steps failed (details.failedSteps). */
  error: SerializedError | null;
  /** Empty until the preparation has stored them; then measurement steps first, in report order. */
  steps: StudyStepView[];
  /** Step ids whose analysis failed or was cancelled. */
  failedSteps: string[];
  datasets: StudyDatasetIds | null;
  weights: StudyWeightsIds | null;
  report: StudyReportView;
}

// ------------------------------------------------------------------ provenance of stored inputs

/** The panels a study stores, as named in StudyDatasetIds. */
export type StudyDatasetRole = keyof StudyDatasetIds;
