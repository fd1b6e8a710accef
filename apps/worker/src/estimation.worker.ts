import { QueueName } from '@spillover/contracts';
import type { Worker } from 'bullmq';
import { createQueueWorker, type QueueWorkerConfig, type QueueWorkerDeps } from './queue-worker.js';

/** The BullMQ consumer of QueueName.Estimation. */
export function createEstimationWorker(config: QueueWorkerConfig, deps: QueueWorkerDeps): Worker {
  return createQueueWorker(QueueName.Estimation, config, deps, {
    worker: 'worker',
    job: 'job',
    logOutcome: true,
  });
}
