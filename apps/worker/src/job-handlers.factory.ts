import { JobName } from '@spillover/contracts';
import type { DataSource } from 'typeorm';
import { ThreadPoolRunner } from './analysis-runner.js';
import type { AnalysisStore } from './analysis.store.js';
import type { ProgressHash } from './bootstrap/replication-progress.js';
import { createSplitReplications } from './bootstrap/split-replications.setup.js';
import { type CancelFlagReader, RedisCancellationSource } from './cancellation/cancellation-watch.js';
import { fitAnalysisProcessor } from './fit-analysis.processor.js';
import { FitService } from './fit.service.js';
import type { JobHandlers } from './job-handlers.js';
import type { Logger } from './logger.js';
import type { FlowAdder, JobQueue } from './queue/job-queue.js';
import { createStudyHandlers } from './study/study.handlers.js';
import { StudyRepository } from './study/study.repository.js';

/** What the handlers need, from BullMQ and Redis (main.ts) or from the in-process queue (embedded.ts). */
export interface JobHandlerDeps {
  /** Jobs run at once per queue; each gets its own thread. */
  concurrency: number;
  queuePrefix: string;
  dataSource: DataSource;
  store: AnalysisStore;
  /** Cancel flags and replication progress hashes: a Redis connection, or MemoryKeys in process. */
  keys: CancelFlagReader & ProgressHash;
  /** The estimation queue: flow parents' progress; its workers size bootstrap chunks of study flows. */
  estimationQueue: Pick<JobQueue, 'updateJobProgress' | 'getWorkersCount'>;
  /** FlowProducer's add(flow), for handlers that add flows. */
  flows: FlowAdder;
  log: Logger;
  workerName: string;
}

/** Every job's handler, in one place for both queue implementations; `close` ends their threads. */
export function createJobHandlers(deps: JobHandlerDeps): {
  handlers: JobHandlers;
  close(): Promise<void>;
} {
  const runner = new ThreadPoolRunner(deps.concurrency);
  const cancellation = new RedisCancellationSource(deps.keys, deps.queuePrefix, deps.log);
  const fitService = new FitService(deps.store, runner, deps.log, deps.workerName, cancellation);
  const split = createSplitReplications({
    concurrency: deps.concurrency,
    queuePrefix: deps.queuePrefix,
    dataSource: deps.dataSource,
    store: deps.store,
    keys: deps.keys,
    estimationQueue: deps.estimationQueue,
    cancellation,
    log: deps.log,
    workerName: deps.workerName,
  });
  const study = createStudyHandlers({
    store: new StudyRepository(deps.dataSource),
    flows: deps.flows,
    workers: deps.estimationQueue,
    log: deps.log,
    workerName: deps.workerName,
  });
  return {
    handlers: { [JobName.FitAnalysis]: fitAnalysisProcessor(fitService), ...split.handlers, ...study },
    close: async () => {
      await Promise.all([runner.close(), split.close()]);
    },
  };
}
