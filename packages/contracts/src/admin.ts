import { z } from 'zod';

/** Views and bodies of the administrators' endpoints (`/admin/...`). */

export const jobStates = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
  'paused',
] as const;
export type JobState = (typeof jobStates)[number];

export interface QueueThroughputPoint {
  /** Start of the minute (ISO 8601). */
  minute: string;
  completed: number;
  failed: number;
}

export interface QueueSummaryView {
  name: string;
  paused: boolean;
  counts: Record<JobState, number>;
  /** Completed and failed per minute over the last hour, oldest first (60 points). */
  throughput: QueueThroughputPoint[];
}

/** A BullMQ worker connection (from CLIENT LIST): `idle` seconds since its last command is its heartbeat. */
export interface QueueWorkerView {
  queue: string;
  id: string;
  name: string;
  addr: string;
  ageSeconds: number;
  idleSeconds: number;
}

/** An analysis running now, and the worker (host:pid) that runs it. */
export interface RunningAnalysisView {
  analysisId: string;
  teamId: string;
  title: string | null;
  kind: string;
  model: string | null;
  worker: string | null;
  startedAt: string | null;
  progress: { stage: string; done: number; total: number } | null;
}

export interface AdminOverview {
  queues: QueueSummaryView[];
  workers: QueueWorkerView[];
  running: RunningAnalysisView[];
}

export interface AdminJobView {
  queue: string;
  id: string;
  name: string;
  state: string;
  analysisId: string | null;
  teamId: string | null;
  teamName: string | null;
  title: string | null;
  attemptsMade: number;
  failedReason: string | null;
  createdAt: string | null;
  processedAt: string | null;
  finishedAt: string | null;
}

export const AdminJobsQuery = z.strictObject({
  queue: z.string().min(1).optional(),
  state: z.enum(jobStates).default('failed'),
  analysisId: z.string().uuid('analysisId must be a UUID').optional(),
  teamId: z.string().uuid('teamId must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AdminJobsQuery = z.infer<typeof AdminJobsQuery>;

/** A team's limits: null means the default from the environment. */
export const UpdateTeamLimitsBody = z.strictObject({
  maxActiveJobs: z.number().int().min(0).max(100_000).nullable(),
  maxStorageBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
});
export type UpdateTeamLimitsBody = z.infer<typeof UpdateTeamLimitsBody>;

export interface TeamLimitsView {
  teamId: string;
  teamName: string;
  /** Set for this team (null: the default applies). */
  maxActiveJobs: number | null;
  maxStorageBytes: number | null;
  /** What applies now. */
  effective: { maxActiveJobs: number; maxStorageBytes: number };
  defaults: { maxActiveJobs: number; maxStorageBytes: number };
  usage: { activeJobs: number; storageBytes: number };
}
