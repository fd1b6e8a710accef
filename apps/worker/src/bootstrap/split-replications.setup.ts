import { JobName } from '@spillover/contracts';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ThreadPoolRunner } from '../analysis-runner.js';
import type { AnalysisStore } from '../analysis.store.js';
import type { CancellationSource } from '../cancellation/cancellation-watch.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { aggregateBootstrapProcessor, bootstrapChunkProcessor } from './bootstrap.processors.js';
import { type ProgressHash, ReplicationProgressTracker } from './replication-progress.js';
import { ReplicationRunner } from './replication-runner.js';
import type { ReplicationOutcome, ReplicationTask } from './replication-thread-protocol.js';
import { ReplicationRepository } from './replication.repository.js';
import { SplitReplicationService } from './split-replications.service.js';

export interface SplitReplicationsDeps {
  concurrency: number;
  queuePrefix: string;
  dataSource: DataSource;
  store: AnalysisStore;
  /** For progress hashes: any non-blocking Redis connection, or MemoryKeys in process. */
  keys: ProgressHash;
  /** The estimation queue, where AggregateBootstrap parents live. */
  estimationQueue: Pick<JobQueue, 'updateJobProgress'>;
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
  // started (and warmed up) at boot rather than by the first chunk
  threads.prestart();
  const runner = new ReplicationRunner(threads);
  const service = new SplitReplicationService(
    deps.store,
    new ReplicationRepository(deps.dataSource),
    runner,
    new ReplicationProgressTracker(deps.keys, deps.queuePrefix),
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
