import { z } from 'zod';

/** Queues by resource profile. */
export enum QueueName {
  Estimation = 'estimation',
}

/** Job names: PascalCase verbs. */
export enum JobName {
  FitAnalysis = 'FitAnalysis',
}

/** Payloads carry ids, never data or secrets. */
export const FitAnalysisPayload = z.object({ analysisId: z.string().uuid() });
export type FitAnalysisPayload = z.infer<typeof FitAnalysisPayload>;

export interface JobPayloads {
  [JobName.FitAnalysis]: FitAnalysisPayload;
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
