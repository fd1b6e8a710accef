import { analysisJobId, fitAnalysisJobOptions, JobName, QueueName } from '@spillover/contracts';
import { type Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analysisRow,
  createTestDatabase,
  estimationQueue,
  insertAnalysis,
  redisUrl,
  seedDataset,
  startWorker,
  type TestDatabase,
  unique,
  waitFor,
  type WorkerProcess,
} from './support.js';
import { syntheticPanel, syntheticSpec } from './synthetic-panel.js';

/**
 * Proof that estimation runs off the worker's event loop: a CPU-heavy job lasting many lock durations
 * keeps its lock (renewed by the main thread) and is never reported stalled by an independent checker.
 */
describe('a CPU-heavy job longer than the lock duration', () => {
  const lockDurationMs = 600;
  let db: TestDatabase;
  let prefix: string;
  let queue: Queue;
  let worker: WorkerProcess;
  let watchdog: Worker;
  let events: QueueEvents;
  const stalls: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    prefix = unique('wlock');
    queue = estimationQueue(prefix);
    worker = await startWorker({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      WORKER_LOCK_DURATION_MS: String(lockDurationMs),
      WORKER_STALLED_INTERVAL_MS: '200',
      WORKER_CONCURRENCY: '1',
    });
    // Another process's view: a consumer that never takes jobs, only runs the stalled checker.
    watchdog = new Worker(QueueName.Estimation, null, {
      connection: { url: redisUrl, maxRetriesPerRequest: null },
      prefix,
      autorun: false,
      stalledInterval: 250,
      lockDuration: lockDurationMs,
    });
    watchdog.on('stalled', (jobId) => stalls.push(`watchdog:${jobId}`));
    events = new QueueEvents(QueueName.Estimation, { connection: { url: redisUrl }, prefix });
    events.on('stalled', ({ jobId }) => stalls.push(`event:${jobId}`));
    await events.waitUntilReady();
    await watchdog.startStalledCheckTimer();
  });

  afterAll(async () => {
    await worker?.stop();
    await watchdog?.close();
    await events?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await db?.drop();
  });

  it('is never reported stalled and succeeds on its first attempt', async () => {
    // 1.44 million rows: sized to outlast several lock durations even on an idle machine
    const seed = await seedDataset(db.dataSource, syntheticPanel(48000, 30), 'unit', 'time');
    const id = await insertAnalysis(db.dataSource, seed, syntheticSpec);
    await queue.add(
      JobName.FitAnalysis,
      { analysisId: id },
      { jobId: analysisJobId(id), ...fitAnalysisJobOptions },
    );
    const row = await waitFor(
      'the heavy analysis to finish',
      async () => {
        const r = await analysisRow(db.dataSource, id);
        return r.status === 'succeeded' || r.status === 'failed' ? r : null;
      },
      120_000,
    );
    expect(row.error).toBeNull();
    expect(row.status).toBe('succeeded');
    const busyMs = row.finishedAt!.getTime() - row.startedAt!.getTime();
    expect(busyMs, 'the job must outlast several lock durations to prove anything').toBeGreaterThan(
      3 * lockDurationMs,
    );
    expect(stalls).toEqual([]);
    expect(row.attempts).toBe(1);
    const job = await queue.getJob(analysisJobId(id));
    expect(job!.attemptsStarted).toBe(1);
    expect(worker.lines.some((line) => line.includes('stalled'))).toBe(false);
  });
});
