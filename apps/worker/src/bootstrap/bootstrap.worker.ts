import { QueueName } from '@spillover/contracts';
import { type Job, Worker } from 'bullmq';
import type { WorkerConfig } from '../config.js';
import type { EstimationWorkerDeps } from '../estimation.worker.js';
import { dispatchJob } from '../job-handlers.js';
import { errorMessage } from '../logger.js';

/**
 * The BullMQ consumer of QueueName.Bootstrap: every worker process takes chunks of replications, so a
 * heavy bootstrap spreads over all of them. Same lock and stall settings as the estimation worker.
 */
export function createBootstrapWorker(
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
  const worker = new Worker(QueueName.Bootstrap, dispatchJob(handlers), {
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: config.WORKER_MAX_STALLED_COUNT,
  });
  worker.on('error', (error) => log.warn('bootstrap worker error', { error: errorMessage(error) }));
  worker.on('active', (job: Job) =>
    log.info('chunk started', { jobId: job.id, attempt: job.attemptsMade + 1 }),
  );
  worker.on('completed', (job: Job) => log.info('chunk completed', { jobId: job.id }));
  worker.on('stalled', (jobId: string) => log.warn('chunk stalled; re-delivered', { jobId }));
  worker.on('failed', (job: Job | undefined, error: Error) => {
    void failures.record(job, error);
  });
  return worker;
}
