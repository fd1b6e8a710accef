import { z } from 'zod';
import type { AnalysisSpec } from './spec.js';

/** Queues by resource profile. */
export enum QueueName {
  Estimation = 'estimation',
  /** Chunks of bootstrap/permutation replications, consumed by every worker process. */
  Bootstrap = 'bootstrap',
}

/** Job names: PascalCase verbs. */
export enum JobName {
  FitAnalysis = 'FitAnalysis',
  /** Replications from..to of a resampling analysis (queue `bootstrap`). */
  BootstrapChunk = 'BootstrapChunk',
  /** Point estimates + combination of every chunk into the result (queue `estimation`, parent of the chunks). */
  AggregateBootstrap = 'AggregateBootstrap',
  /** A study's data, measurement steps, stored inputs and estimation analyses, then its flow (queue `estimation`). */
  StudyPrepare = 'StudyPrepare',
  /** A study's report, parent of its estimation steps' jobs in the flow StudyPrepare adds (queue `estimation`). */
  StudyReport = 'StudyReport',
}

/** Payloads carry ids, never data or secrets. */
export const FitAnalysisPayload = z.object({ analysisId: z.string().uuid() });
export type FitAnalysisPayload = z.infer<typeof FitAnalysisPayload>;

export const BootstrapChunkPayload = z.object({
  analysisId: z.string().uuid(),
  from: z.number().int().min(0),
  to: z.number().int().min(0),
});
export type BootstrapChunkPayload = z.infer<typeof BootstrapChunkPayload>;

export const AggregateBootstrapPayload = z.object({
  analysisId: z.string().uuid(),
  reps: z.number().int().min(1),
  chunkSize: z.number().int().min(1),
});
export type AggregateBootstrapPayload = z.infer<typeof AggregateBootstrapPayload>;

/** StudyPrepare and StudyReport carry only the study's id. */
export const StudyJobPayload = z.object({ studyId: z.string().uuid() });
export type StudyJobPayload = z.infer<typeof StudyJobPayload>;

export interface JobPayloads {
  [JobName.FitAnalysis]: FitAnalysisPayload;
  [JobName.BootstrapChunk]: BootstrapChunkPayload;
  [JobName.AggregateBootstrap]: AggregateBootstrapPayload;
  [JobName.StudyPrepare]: StudyJobPayload;
  [JobName.StudyReport]: StudyJobPayload;
}

/** The BullMQ job id of an analysis: stable, so a double submit cannot run twice. */
export function analysisJobId(analysisId: string): string {
  return `analysis-${analysisId}`;
}

/** Progress of a running analysis, as reported by the worker and relayed to clients. */
export const Progress = z.object({
  stage: z.string(),
  done: z.number(),
  total: z.number(),
  message: z.string().optional(),
  /** Estimated seconds left, from the rate so far (split replications). */
  etaSeconds: z.number().optional(),
});
export type Progress = z.infer<typeof Progress>;

export const analysisStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const AnalysisStatus = z.enum(analysisStatuses);
export type AnalysisStatus = z.infer<typeof AnalysisStatus>;

export function isTerminalStatus(status: AnalysisStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** Options of every FitAnalysis job, in one place for producers and tests. */
export const fitAnalysisJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

// ------------------------------------------------------------------ studies (BullMQ flow)

/** The StudyPrepare job of a study: one per study, so a double submit cannot prepare twice. */
export function studyPrepareJobId(studyId: string): string {
  return `study-${studyId}-prepare`;
}

/** The StudyReport job of a study: the root of its flow. */
export function studyReportJobId(studyId: string): string {
  return `study-${studyId}-report`;
}

/** Options of StudyPrepare and StudyReport jobs. */
export const studyJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

// ------------------------------------------------------------------ split replications (BullMQ flow)

/** Options of every BootstrapChunk job: a failed chunk fails its AggregateBootstrap parent. */
export const bootstrapChunkJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  failParentOnFailure: true,
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** The job id of the chunk from..to of an analysis: a double add of the same chunk is a no-op. */
export function bootstrapChunkJobId(analysisId: string, from: number, to: number): string {
  return `chunk-${analysisId}-${from}-${to}`;
}

/** Replications to split into chunks: bootstrap or permutation reps of a mechanism spec (0 when none). */
export function splitReplicationsOf(spec: AnalysisSpec): number {
  switch (spec.kind) {
    case 'mediation':
    case 'threshold':
      return spec.bootstrap?.reps ?? 0;
    case 'heterogeneity':
      return spec.test.permutation?.reps ?? 0;
    case 'regression':
    case 'moran':
    case 'transform':
    case 'entropy-index':
    case 'location-quotient':
    case 'keyword-count':
      return 0;
  }
}

/**
 * Replications that refit a model by numerical search — Hansen's threshold grid, or split-sample spatial
 * ML models in permutations — cost milliseconds each; the others (FE/OLS Gram updates, the parametric
 * bootstrap of spatial mediation) cost tens of microseconds.
 */
export function replicationsRefitModels(spec: AnalysisSpec): boolean {
  return (
    spec.kind === 'threshold' ||
    (spec.kind === 'heterogeneity' && spec.model !== 'fe' && spec.model !== 'ols')
  );
}

/** Cheap replications a chunk should hold at least: about 0.5 s of work, next to ~10 ms of fixed cost. */
const cheapChunkReplications = 10_000;

/**
 * Chunk size of a resampling spec over `workers` worker processes (at least 50 replications a chunk).
 * Chunks are taken on demand, so up to four per worker let a worker that starts late or runs slower leave
 * chunks to the others; but every chunk carries about 10 ms of fixed work (queue round trip, status check,
 * stored values, progress). Replications that refit models get four chunks per worker; cheap ones one per
 * `cheapChunkReplications`, between one and four per worker. Progress comes from inside a chunk, and the
 * result does not depend on the chunking (replication r draws from createRng(seed, r)).
 */
export function bootstrapChunkSize(spec: AnalysisSpec, workers: number): number {
  const reps = splitReplicationsOf(spec);
  const processes = Math.max(1, workers);
  const perWorker = replicationsRefitModels(spec)
    ? 4
    : Math.min(4, Math.max(1, Math.ceil(reps / (processes * cheapChunkReplications))));
  return Math.max(50, Math.ceil(reps / (perWorker * processes)));
}

/** [from, to) ranges of `chunkSize` replications covering 0..reps. */
export function replicationRanges(reps: number, chunkSize: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let from = 0; from < reps; from += chunkSize) ranges.push([from, Math.min(reps, from + chunkSize)]);
  return ranges;
}

/** A BullMQ FlowJob (structurally): the AggregateBootstrap parent with one BootstrapChunk child per range. */
export interface BootstrapFlow {
  name: JobName.AggregateBootstrap;
  queueName: QueueName.Estimation;
  data: AggregateBootstrapPayload;
  opts: typeof fitAnalysisJobOptions & { jobId: string };
  children: {
    name: JobName.BootstrapChunk;
    queueName: QueueName.Bootstrap;
    data: BootstrapChunkPayload;
    opts: typeof bootstrapChunkJobOptions & { jobId: string };
  }[];
}

/**
 * The flow of a resampling analysis. The parent keeps the analysis's job id, so the SSE relay, the
 * re-queue sweeper and double-submit protection treat it like a FitAnalysis job.
 */
export function bootstrapFlow(analysisId: string, reps: number, chunkSize: number): BootstrapFlow {
  return {
    name: JobName.AggregateBootstrap,
    queueName: QueueName.Estimation,
    data: { analysisId, reps, chunkSize },
    opts: { jobId: analysisJobId(analysisId), ...fitAnalysisJobOptions },
    children: replicationRanges(reps, chunkSize).map(([from, to]) => ({
      name: JobName.BootstrapChunk,
      queueName: QueueName.Bootstrap,
      data: { analysisId, from, to },
      opts: { jobId: bootstrapChunkJobId(analysisId, from, to), ...bootstrapChunkJobOptions },
    })),
  };
}

/** Redis key (under the queue prefix) that tells workers an analysis was cancelled. */
export function analysisCancelKey(queuePrefix: string, analysisId: string): string {
  return `${queuePrefix}:cancelled:${analysisId}`;
}

/** How long the cancel key lives: longer than any job can wait or run. */
export const analysisCancelTtlSeconds = 7 * 24 * 3600;

/** Redis hash (under the queue prefix) of replications done per chunk, for progress across workers. */
export function replicationProgressKey(queuePrefix: string, analysisId: string): string {
  return `${queuePrefix}:replications:${analysisId}`;
}
