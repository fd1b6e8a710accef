import 'reflect-metadata';
import { type FitAnalysisPayload, QueueName } from '@spillover/contracts';
import { FlowProducer, Queue } from 'bullmq';
import { hostname } from 'node:os';
import { AnalysisRepository } from './analysis.repository.js';
import { ConfigError, loadConfig } from './config.js';
import { checkRedis, connectDatabase, createRedisConnection, UnreachableError } from './connections.js';
import { createBootstrapWorker } from './bootstrap/bootstrap.worker.js';
import { createEstimationWorker } from './estimation.worker.js';
import { createJobHandlers } from './job-handlers.factory.js';
import { JobFailureRecorder } from './job-failure.recorder.js';
import { createLogger, errorMessage } from './logger.js';
import { RequeueSweeper } from './requeue.sweeper.js';
import { StudyRepository } from './study/study.repository.js';
import { StudySweeper } from './study/study.sweeper.js';

/** `node dist/main.js`: consumes analysis jobs until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  const workerName = `${hostname()}:${process.pid}`;

  await checkRedis(config.REDIS_URL, log);
  const dataSource = await connectDatabase(config.DATABASE_URL, log);
  const store = new AnalysisRepository(dataSource);
  const queueConnection = createRedisConnection(config.REDIS_URL, log);
  const queue = new Queue<FitAnalysisPayload>(QueueName.Estimation, {
    connection: queueConnection,
    prefix: config.QUEUE_PREFIX,
  });
  queue.on('error', (error) => log.warn('queue error', { error: errorMessage(error) }));
  const flows = new FlowProducer({ connection: queueConnection, prefix: config.QUEUE_PREFIX });
  flows.on('error', (error) => log.warn('flow producer error', { error: errorMessage(error) }));
  const jobs = createJobHandlers({
    concurrency: config.WORKER_CONCURRENCY,
    queuePrefix: config.QUEUE_PREFIX,
    dataSource,
    store,
    keys: queueConnection,
    estimationQueue: queue,
    flows,
    log,
    workerName,
  });
  const handlers = jobs.handlers;
  const failures = new JobFailureRecorder(store, log);

  const workerConnection = createRedisConnection(config.REDIS_URL, log);
  const worker = createEstimationWorker(config, {
    handlers,
    connection: workerConnection,
    failures,
    log,
    workerName,
  });
  // every worker process also takes chunks of split replications
  const bootstrapConnection = createRedisConnection(config.REDIS_URL, log);
  const bootstrapWorker = createBootstrapWorker(config, {
    handlers,
    connection: bootstrapConnection,
    failures,
    log,
    workerName,
  });
  const sweeper = new RequeueSweeper(
    store,
    queue,
    log,
    { intervalMs: config.REQUEUE_INTERVAL_MS, queuedAgeMs: config.REQUEUE_QUEUED_AGE_MS },
    new StudySweeper(new StudyRepository(dataSource), queue),
  );
  sweeper.start();

  await worker.waitUntilReady();
  await bootstrapWorker.waitUntilReady();
  log.info('worker ready', {
    worker: workerName,
    queue: QueueName.Estimation,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
  });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: hand running jobs back at once (they are re-delivered as stalled).
      log.warn('second signal; stopping now', { signal });
      await jobs.close();
      process.exit(1);
    }
    stopping = true;
    log.info('stopping: finishing running jobs', { signal });
    await sweeper.stop();
    await Promise.all([worker.close(), bootstrapWorker.close()]);
    await jobs.close();
    await Promise.all([queue.close(), flows.close()]);
    workerConnection.disconnect();
    bootstrapConnection.disconnect();
    queueConnection.disconnect();
    await dataSource.destroy();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof UnreachableError;
  process.stderr.write(
    `worker: ${known ? errorMessage(error) : (error instanceof Error && error.stack) || String(error)}\n`,
  );
  process.exit(1);
});
