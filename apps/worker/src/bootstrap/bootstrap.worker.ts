import { QueueName } from '@spillover/contracts';
import type { Worker } from 'bullmq';
import { createQueueWorker, type QueueWorkerConfig, type QueueWorkerDeps } from '../queue-worker.js';

/**
 * The BullMQ consumer of QueueName.Bootstrap: every worker process takes chunks of replications, so a
 * heavy bootstrap spreads over all of them. Same lock and stall settings as the estimation worker.
 */
export function createBootstrapWorker(config: QueueWorkerConfig, deps: QueueWorkerDeps): Worker {
  return createQueueWorker(QueueName.Bootstrap, config, deps, {
    worker: 'bootstrap worker',
    job: 'chunk',
    logOutcome: false,
  });
}
