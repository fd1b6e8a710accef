import { analysisCancelKey, QueueName } from '@spillover/contracts';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { AnalysisRepository } from './analysis.repository.js';
import { createJobHandlers } from './job-handlers.factory.js';
import { dispatchJob } from './job-handlers.js';
import { JobFailureRecorder } from './job-failure.recorder.js';
import { errorMessage, type Logger } from './logger.js';
import { InProcessQueues } from './queue/in-process-queue.js';
import type { QueueBackend } from './queue/job-queue.js';
import { MemoryKeys } from './queue/memory-keys.js';
import { RequeueSweeper } from './requeue.sweeper.js';
import { StudyRepository } from './study/study.repository.js';
import { StudySweeper } from './study/study.sweeper.js';

export type { Logger } from './logger.js';
export type * from './queue/job-queue.js';

export interface EmbeddedWorkerOptions {
  /** The host process's data source (PGlite allows one per folder and process). */
  dataSource: DataSource;
  /** Jobs run at once per queue, each on its own thread. */
  concurrency: number;
  /** Names the cancel flags and progress hashes, as in the BullMQ mode. */
  queuePrefix: string;
  log: Logger;
  /** Re-queue sweeper: period, and age of a queued row before its missing job is re-added. */
  requeue?: { intervalMs: number; queuedAgeMs: number };
}

export interface EmbeddedWorker {
  /** The queue port for the host (the API): producers, events, administration. */
  backend: QueueBackend;
  /** Stops the sweeper, terminates running jobs' threads and waits for the jobs to settle. */
  close(): Promise<void>;
}

/**
 * The worker inside another process (embedded mode): the same job handlers as `main.ts`, consuming
 * in-process queues instead of BullMQ, with cancel flags and progress hashes in memory. After a restart
 * the re-queue sweeper re-adds the jobs of analyses left queued or running.
 */
export function startEmbeddedWorker(options: EmbeddedWorkerOptions): EmbeddedWorker {
  const { dataSource, concurrency, queuePrefix, log } = options;
  const workerName = `${hostname()}:${process.pid} (in process)`;
  const store = new AnalysisRepository(dataSource);
  const queues = new InProcessQueues(concurrency);
  const keys = new MemoryKeys();
  const estimation = queues.queue(QueueName.Estimation);
  const jobs = createJobHandlers({
    concurrency,
    queuePrefix,
    dataSource,
    store,
    keys,
    estimationQueue: estimation,
    flows: queues.flows,
    log,
    workerName,
  });
  const failures = new JobFailureRecorder(store, log);
  queues.onFailed((job, error) => void failures.record(job, error));
  const dispatch = dispatchJob(jobs.handlers);
  for (const name of Object.values(QueueName)) {
    queues.process(name, async (job) => {
      log.info('job started', { queue: name, jobId: job.id, name: job.name, attempt: job.attemptsMade + 1 });
      const outcome = await dispatch(job);
      log.info('job completed', { queue: name, jobId: job.id });
      return outcome;
    });
  }
  const sweeper = new RequeueSweeper(
    store,
    estimation,
    log,
    options.requeue ?? defaultRequeue,
    new StudySweeper(new StudyRepository(dataSource), estimation),
  );
  sweeper.start();

  const backend: QueueBackend = {
    mode: 'in-process',
    queue: (name) => queues.queue(name),
    flows: queues.flows,
    onJobEvent: (name, listener) => queues.onJobEvent(name, listener),
    workers: async (name) =>
      queues.workersCount(name) > 0
        ? [
            {
              id: 'in-process',
              name: workerName,
              addr: 'in-process',
              ageSeconds: queues.ageSeconds(),
              idleSeconds: 0,
            },
          ]
        : [],
    raiseCancelFlag: (analysisId) => keys.set(analysisCancelKey(queuePrefix, analysisId), '1'),
    ping: async () => undefined,
    close: async () => {
      await sweeper.stop();
      // terminating the threads ends running jobs at once; their rows are picked up again after a restart
      await jobs
        .close()
        .catch((error: unknown) => log.warn('threads not closed', { error: errorMessage(error) }));
      await queues.close();
    },
  };
  return { backend, close: backend.close };
}

const defaultRequeue = { intervalMs: 60_000, queuedAgeMs: 30_000 };
