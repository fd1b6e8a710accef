import { analysisJobId, type AnalysisSpecInput, fitAnalysisJobOptions, JobName } from '@spillover/contracts';
import type { Queue } from 'bullmq';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  analysisRow,
  createTestDatabase,
  estimationQueue,
  insertAnalysis,
  producCsv,
  repoRoot,
  seedDataset,
  startWorker,
  type TestDatabase,
  unique,
  waitFor,
  type WorkerProcess,
} from './support.js';
import { syntheticPanel, syntheticSpec } from './synthetic-panel.js';

const producSpec: AnalysisSpecInput = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
  model: 'fe',
  effects: 'unit',
};

describe('worker process lifecycle (real PostgreSQL, Redis and core)', () => {
  let db: TestDatabase;
  let prefix: string;
  let queue: Queue | undefined;
  const workers: WorkerProcess[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const worker = await startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, ...env });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await queue?.obliterate({ force: true });
    await queue?.close();
    queue = undefined;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const useQueue = () => {
    prefix = unique('wlife');
    queue = estimationQueue(prefix);
  };

  it('SIGTERM while idle exits 0', async () => {
    useQueue();
    const worker = await start();
    const { code } = await worker.stop();
    expect(code).toBe(0);
    expect(worker.lines.some((line) => line.includes('stopped'))).toBe(true);
  });

  it('a bad DATABASE_URL or REDIS_URL stops it with one clear message and exit code 1', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [join(repoRoot, 'apps/worker/dist/main.js')], {
          env: { ...process.env, ...env },
        });
        let output = '';
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', (code) => resolve({ code, output }));
      });
    const badUrl = await run({ DATABASE_URL: 'not-a-url' });
    expect(badUrl.code).toBe(1);
    expect(badUrl.output).toMatch(/DATABASE_URL must be a URL like postgres:/);
    const badRedis = await run({ DATABASE_URL: db.url, REDIS_URL: 'http://127.0.0.1:6379' });
    expect(badRedis.code).toBe(1);
    expect(badRedis.output).toMatch(/REDIS_URL must be a URL like redis:/);
    const unreachable = await run({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(
      /worker: PostgreSQL is not reachable at postgres:\/\/postgres@127.0.0.1:1\/nowhere/,
    );
  });

  it('kill -9 mid-job: another worker picks the stalled job up and the row never stays running', async () => {
    useQueue();
    const seed = await seedDataset(db.dataSource, syntheticPanel(4000, 30), 'unit', 'time');
    const id = await insertAnalysis(db.dataSource, seed, syntheticSpec);
    const shortLocks = { WORKER_LOCK_DURATION_MS: '1500', WORKER_STALLED_INTERVAL_MS: '500' };
    const doomed = await start(shortLocks);
    await queue!.add(
      JobName.FitAnalysis,
      { analysisId: id },
      { jobId: analysisJobId(id), ...fitAnalysisJobOptions },
    );
    const running = await waitFor(
      'the first worker to start the job',
      async () => {
        const row = await analysisRow(db.dataSource, id);
        return row.status === 'running' ? row : null;
      },
      30_000,
      5,
    );
    doomed.child.kill('SIGKILL');
    await doomed.exit;
    expect(
      (await analysisRow(db.dataSource, id)).status,
      'the job finished before the kill; make the panel bigger',
    ).toBe('running');
    expect(running.worker).toContain(`:${doomed.child.pid}`);

    const rescuer = await start(shortLocks);
    const row = await waitFor(
      'the analysis to finish on the second worker',
      async () => {
        const r = await analysisRow(db.dataSource, id);
        return r.status === 'succeeded' || r.status === 'failed' ? r : null;
      },
      60_000,
    );
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(2);
    expect(row.worker).toContain(`:${rescuer.child.pid}`);
    expect(rescuer.lines.some((line) => line.includes('job stalled'))).toBe(true);
  });

  it('the sweeper re-queues a queued analysis whose job Redis lost', async () => {
    useQueue();
    const seed = await seedDataset(db.dataSource, producCsv);
    const id = await insertAnalysis(db.dataSource, seed, producSpec, {
      createdAt: new Date(Date.now() - 120_000),
    });
    // The job was added and then lost by Redis.
    const job = await queue!.add(
      JobName.FitAnalysis,
      { analysisId: id },
      { jobId: analysisJobId(id), ...fitAnalysisJobOptions },
    );
    await job.remove();
    const worker = await start({ REQUEUE_INTERVAL_MS: '1000' });
    const row = await waitFor('the re-queued analysis to succeed', async () => {
      const r = await analysisRow(db.dataSource, id);
      return r.status === 'succeeded' ? r : null;
    });
    expect(row.attempts).toBe(1);
    expect(
      worker.lines.some(
        (line) => line.includes('re-queued analyses whose job was missing') && line.includes(id),
      ),
    ).toBe(true);
  });

  it('the sweeper leaves a fresh queued analysis alone (its job may still be on the way)', async () => {
    useQueue();
    const seed = await seedDataset(db.dataSource, producCsv);
    const id = await insertAnalysis(db.dataSource, seed, producSpec);
    const worker = await start({ REQUEUE_INTERVAL_MS: '300', REQUEUE_QUEUED_AGE_MS: '60000' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await analysisRow(db.dataSource, id)).status).toBe('queued');
    expect(worker.lines.some((line) => line.includes(id))).toBe(false);
  });
});
