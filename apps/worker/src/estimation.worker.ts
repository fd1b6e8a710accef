import { QueueName } from '@spillover/contracts';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkerConfig } from './config.js';
import { dispatchJob, type JobHandlers } from './job-handlers.js';
import type { JobFailureRecorder } from './job-failure.recorder.js';
import { errorMessage, type Logger } from './logger.js';

export interface EstimationWorkerDeps {
  handlers: JobHandlers;
  connection: Redis;
  failures: JobFailureRecorder;
  log: Logger;
}

/** The BullMQ consumer of QueueName.Estimation. */
export function createEstimationWorker(
  config: Pick<
    WorkerConfig,
    | 'QUEUE_PREFIX'
    | 'WORKER_CONCURRENCY'
    | 'WORKER_LOCK_DURATION_MS'
    | 'WORKER_STALLED_INTERVAL_MS'
    | 'WORKER_MAX_STALLED_COUNT'
  >,
  { handlers, connection, failures, log }: EstimationWorkerDeps,
): Worker {
  const worker = new Worker(QueueName.Estimation, dispatchJob(handlers), {
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: config.WORKER_MAX_STALLED_COUNT,
  });
  worker.on('error', (error) => log.warn('worker error', { error: errorMessage(error) }));
  worker.on('active', (job: Job) =>
    log.info('job started', { jobId: job.id, name: job.name, attempt: job.attemptsMade + 1 }),
  );
  worker.on('completed', (job: Job, outcome: unknown) =>
    log.info('job completed', { jobId: job.id, outcome }),
  );
  worker.on('stalled', (jobId: string) => log.warn('job stalled; re-delivered', { jobId }));
  worker.on('failed', (job: Job | undefined, error: Error) => {
    void failures.record(job, error);
  });
  return worker;
}
