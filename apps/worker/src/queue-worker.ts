import type { QueueName } from '@spillover/contracts';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkerConfig } from './config.js';
import { dispatchJob, type JobHandlers } from './job-handlers.js';
import type { JobFailureRecorder } from './job-failure.recorder.js';
import { errorMessage, type Logger } from './logger.js';

export type QueueWorkerConfig = Pick<
  WorkerConfig,
  | 'QUEUE_PREFIX'
  | 'WORKER_CONCURRENCY'
  | 'WORKER_LOCK_DURATION_MS'
  | 'WORKER_STALLED_INTERVAL_MS'
  | 'WORKER_MAX_STALLED_COUNT'
>;

export interface QueueWorkerDeps {
  handlers: JobHandlers;
  connection: Redis;
  failures: JobFailureRecorder;
  log: Logger;
  /** host:pid; BullMQ puts it in the connection name, so the admin page can tell the workers apart. */
  workerName: string;
}

/** How a queue's worker names itself and its jobs in log lines. */
export interface QueueWorkerLabels {
  /** e.g. 'worker error' */
  worker: string;
  /** e.g. 'job started', 'job completed' */
  job: string;
  /** Log what the handler returned when a job completes. */
  logOutcome: boolean;
}

/**
 * A BullMQ consumer of `queue` dispatching to `handlers`, with the configured concurrency, lock and
 * stall settings; failures go to the failure recorder.
 */
export function createQueueWorker(
  queue: QueueName,
  config: QueueWorkerConfig,
  { handlers, connection, failures, log, workerName }: QueueWorkerDeps,
  labels: QueueWorkerLabels,
): Worker {
  const worker = new Worker(queue, dispatchJob(handlers), {
    connection,
    name: workerName,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: config.WORKER_MAX_STALLED_COUNT,
  });
  worker.on('error', (error) => log.warn(`${labels.worker} error`, { error: errorMessage(error) }));
  worker.on('active', (job: Job) =>
    log.info(`${labels.job} started`, { jobId: job.id, name: job.name, attempt: job.attemptsMade + 1 }),
  );
  worker.on('completed', (job: Job, outcome: unknown) =>
    log.info(`${labels.job} completed`, labels.logOutcome ? { jobId: job.id, outcome } : { jobId: job.id }),
  );
  worker.on('stalled', (jobId: string) => log.warn(`${labels.job} stalled; re-delivered`, { jobId }));
  worker.on('failed', (job: Job | undefined, error: Error) => {
    void failures.record(job, error);
  });
  return worker;
}
