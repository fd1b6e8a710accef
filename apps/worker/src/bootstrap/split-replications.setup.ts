import { JobName } from '@spillover/contracts';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ThreadPoolRunner } from '../analysis-runner.js';
import type { AnalysisStore } from '../analysis.store.js';
import type { CancellationSource } from '../cancellation/cancellation-watch.js';
import type { Logger } from '../logger.js';
import { aggregateBootstrapProcessor, bootstrapChunkProcessor } from './bootstrap.processors.js';
import { ReplicationProgressTracker } from './replication-progress.js';
import { ReplicationRunner } from './replication-runner.js';
import type { ReplicationOutcome, ReplicationTask } from './replication-thread-protocol.js';
import { ReplicationRepository } from './replication.repository.js';
import { SplitReplicationService } from './split-replications.service.js';

export interface SplitReplicationsDeps {
  concurrency: number;
  queuePrefix: string;
  dataSource: DataSource;
  store: AnalysisStore;
  /** For progress hashes (any non-blocking connection). */
  redis: Redis;
  /** The estimation queue, where AggregateBootstrap parents live. */
  estimationQueue: Pick<Queue, 'updateJobProgress'>;
  cancellation: CancellationSource;
  log: Logger;
  workerName: string;
}

/** The job handlers of split replications, on their own pool of `concurrency` replication threads. */
export function createSplitReplications(deps: SplitReplicationsDeps) {
  const threads = new ThreadPoolRunner<ReplicationTask, ReplicationOutcome>(
    deps.concurrency,
    join(__dirname, 'replication.thread.js'),
  );
  const runner = new ReplicationRunner(threads);
  const service = new SplitReplicationService(
    deps.store,
    new ReplicationRepository(deps.dataSource),
    runner,
    new ReplicationProgressTracker(deps.redis, deps.queuePrefix),
    deps.cancellation,
    deps.log,
    deps.workerName,
  );
  return {
    handlers: {
      [JobName.BootstrapChunk]: bootstrapChunkProcessor(service, deps.estimationQueue),
      [JobName.AggregateBootstrap]: aggregateBootstrapProcessor(service),
    },
    close: () => runner.close(),
  };
}
