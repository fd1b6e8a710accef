import { type SerializedError } from '@spillover/contracts';
import type { AnalysisStore } from './analysis.store.js';
import { errorMessage, type Logger } from './logger.js';
import type { QueueJob } from './queue/job-queue.js';

/** BullMQ's reason for a job whose worker died more often than maxStalledCount allows. */
const stalledReason = /stalled more than allowable limit/;

/** A job has failed for good when it cannot be retried or has used its attempts. */
export function isFinalFailure(job: Pick<QueueJob, 'attemptsMade' | 'opts'>, error: Error): boolean {
  return error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** What the analyses row records for a job that failed for good. */
export function failureOf(reason: string): SerializedError {
  if (stalledReason.test(reason)) {
    return {
      code: 'WORKER_LOST',
      message: `the worker running this analysis stopped responding (${reason})`,
    };
  }
  return { code: 'INTERNAL', message: reason };
}

/**
 * Listens to the worker's `failed` events and makes sure an analysis whose job failed for good ends
 * `failed` with a reason (after the last transient retry, or when stalled jobs exceed the limit). A
 * failure FitService already stored (deterministic errors) is kept.
 */
export class JobFailureRecorder {
  constructor(
    private readonly store: AnalysisStore,
    private readonly log: Logger,
  ) {}

  async record(job: QueueJob | undefined, error: Error): Promise<void> {
    const analysisId = (job?.data as { analysisId?: unknown } | undefined)?.analysisId;
    if (!job || typeof analysisId !== 'string') return;
    if (!isFinalFailure(job, error)) {
      this.log.warn('job failed; the queue retries it', {
        analysisId,
        attemptsMade: job.attemptsMade,
        error: error.message,
      });
      return;
    }
    try {
      if (await this.store.markFailedIfUnfinished(analysisId, failureOf(error.message))) {
        this.log.warn('analysis failed', { analysisId, reason: error.message });
      }
    } catch (storeError) {
      // The re-queue sweeper reconciles the row from the failed job later.
      this.log.error('could not record a failed analysis', { analysisId, error: errorMessage(storeError) });
    }
  }
}
