import {
  AnalysisSpec,
  analysisCancelKey,
  analysisJobId,
  bootstrapFlow,
  fitAnalysisJobOptions,
  JobName,
  QueueName,
  replicationRanges,
  splitReplicationsOf,
  type AnalysisSpecInput,
} from '@spillover/contracts';
import { runAnalysis } from '@spillover/core';
import { AnalysisEntity, ReplicationChunkEntity } from '@spillover/db';
import { FlowProducer, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulatedMediationPanel } from './mediation-panel.js';
import {
  analysisRow,
  createTestDatabase,
  fixturesDir,
  insertAnalysis,
  redisUrl,
  seedDataset,
  startWorker,
  type Seed,
  type TestDatabase,
  unique,
  waitFor,
  type WorkerProcess,
} from './support.js';

/** JSON with sorted keys: jsonb reorders object keys, numbers keep every digit. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const mechanismsCsv = readFileSync(join(fixturesDir, 'mechanisms/panel.csv'), 'utf8');
const mediationSpec: AnalysisSpecInput = {
  kind: 'mediation',
  unit: 'unit',
  time: 'time',
  y: 'res',
  treatment: 'dig',
  mediators: ['innov', 'indus'],
  x: ['ctrl1', 'ctrl2'],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  bootstrap: { reps: 400, seed: 7 },
};
const heavyCsv = simulatedMediationPanel(285, 23);
const heavySpec = (reps: number): AnalysisSpecInput => ({
  kind: 'mediation',
  unit: 'unit',
  time: 'time',
  y: 'y',
  treatment: 'd',
  mediators: ['m'],
  x: ['c1', 'c2'],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  bootstrap: { reps, seed: 11 },
});

function inProcess(spec: AnalysisSpecInput, panelCsv: string): string {
  return canonical(runAnalysis(AnalysisSpec.parse(spec), { panelCsv }));
}

describe('split replications (BullMQ flow across worker processes)', () => {
  let db: TestDatabase;
  let fixture: Seed;
  let heavy: Seed;
  let workers: WorkerProcess[] = [];
  let redis: Redis;
  const prefixes: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await seedDataset(db.dataSource, mechanismsCsv, 'unit', 'time');
    heavy = await seedDataset(db.dataSource, heavyCsv, 'unit', 'time');
    redis = new Redis(redisUrl);
  });

  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
  });

  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
    await db?.drop();
  });

  async function startWorkers(count: number, prefix: string, env: Record<string, string> = {}) {
    const started = await Promise.all(
      Array.from({ length: count }, () =>
        startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '2', ...env }),
      ),
    );
    workers.push(...started);
    return started;
  }

  /** Adds the flow of a new analysis, as the API does. */
  async function submit(prefix: string, seed: Seed, spec: AnalysisSpecInput, chunkSize: number) {
    const id = await insertAnalysis(db.dataSource, seed, spec);
    const reps = splitReplicationsOf(AnalysisSpec.parse(spec));
    const flows = new FlowProducer({ connection: { url: redisUrl }, prefix });
    await flows.add(bootstrapFlow(id, reps, chunkSize));
    await flows.close();
    return id;
  }

  async function finished(id: string, timeoutMs = 60_000): Promise<AnalysisEntity> {
    return waitFor(
      `analysis ${id} finished`,
      async () => {
        const row = await analysisRow(db.dataSource, id);
        return row.status === 'succeeded' || row.status === 'failed' ? row : null;
      },
      timeoutMs,
      100,
    );
  }

  const chunkRows = (id: string) =>
    db.dataSource
      .getRepository(ReplicationChunkEntity)
      .find({ where: { analysisId: id }, order: { fromRep: 'ASC' } });

  it('gives the in-process result to the bit with 1 worker or 2, whatever the chunk size', async () => {
    const expected = inProcess(mediationSpec, mechanismsCsv);
    const results: string[] = [];
    for (const [processes, chunkSize] of [
      [1, 50],
      [2, 137],
      [2, 400],
    ] as const) {
      const prefix = unique('wboot');
      prefixes.push(prefix);
      await startWorkers(processes, prefix);
      const id = await submit(prefix, fixture, mediationSpec, chunkSize);
      const row = await finished(id);
      expect(row.error).toBeNull();
      expect(row.status).toBe('succeeded');
      const chunks = await chunkRows(id);
      expect(chunks.map((c) => [c.fromRep, c.toRep])).toEqual(replicationRanges(400, chunkSize));
      if (processes === 2 && chunkSize === 137) {
        // both processes took chunks
        expect(new Set(chunks.map((c) => c.worker)).size).toBe(2);
      }
      results.push(canonical(row.result));
      await Promise.all(workers.map((worker) => worker.stop()));
      workers = [];
    }
    for (const result of results) expect(result).toBe(expected);
    // every replication is counted once, and the distribution is binned for the portal
    const innov = JSON.parse(expected).mediators.innov.bootstrap;
    expect(innov.reps).toBe(400);
    expect(innov.histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(400 - innov.failed);
  });

  it('a worker killed (SIGKILL) mid-chunk: the chunk is retried elsewhere, counted once, same result', async () => {
    const prefix = unique('wkill');
    prefixes.push(prefix);
    const spec = heavySpec(3000);
    const expected = inProcess(spec, heavyCsv);
    const fast = {
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '500',
      WORKER_CONCURRENCY: '1',
    };
    const [victim, survivor] = await startWorkers(2, prefix, fast);
    const id = await submit(prefix, heavy, spec, 500);
    // kill the victim while it holds a chunk
    await waitFor(
      'victim running a chunk',
      async () => victim!.lines.some((l) => l.includes('chunk started')),
      30_000,
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    victim!.child.kill('SIGKILL');
    await victim!.exit;
    const row = await finished(id, 90_000);
    expect(row.status).toBe('succeeded');
    expect(canonical(row.result)).toBe(expected);
    const chunks = await chunkRows(id);
    expect(chunks.map((c) => [c.fromRep, c.toRep])).toEqual(replicationRanges(3000, 500));
    expect(survivor!.lines.some((l) => l.includes('stalled'))).toBe(true);
  });

  it('cancel: running chunks stop within seconds, waiting ones never run, the analysis stays cancelled', async () => {
    const prefix = unique('wcancel');
    prefixes.push(prefix);
    await startWorkers(1, prefix, { WORKER_CONCURRENCY: '2' });
    // ~20 s of replications on one core: far longer than the cancel takes
    const id = await submit(prefix, heavy, heavySpec(30_000), 5000);
    await waitFor(
      'replications under way',
      async () => {
        const row = await analysisRow(db.dataSource, id);
        return row.status === 'running' && (row.progress?.done ?? 0) > 0 ? row : null;
      },
      30_000,
      50,
    );
    const running = await analysisRow(db.dataSource, id);
    expect(running.progress).toMatchObject({ stage: 'replications', total: 30_000 });
    expect(running.progress?.etaSeconds).toBeGreaterThan(0);
    // what POST /analyses/:id/cancel does to the row and the flag
    const cancelledAt = Date.now();
    await db.dataSource
      .getRepository(AnalysisEntity)
      .update({ id }, { status: 'cancelled', finishedAt: new Date() });
    await redis.set(analysisCancelKey(prefix, id), '1', 'EX', 600);
    await waitFor(
      'running chunks stopped',
      async () => workers[0]!.lines.filter((l) => l.includes('thread stopped')).length >= 2,
      5000,
      50,
    );
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    // the remaining chunks skip, the parent skips: nothing is stored and the row stays cancelled
    const bootstrap = new Queue(QueueName.Bootstrap, { connection: { url: redisUrl }, prefix });
    await waitFor(
      'chunks drained',
      async () => (await bootstrap.getJobCountByTypes('waiting', 'active')) === 0,
      30_000,
      100,
    );
    await bootstrap.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const row = await analysisRow(db.dataSource, id);
    expect(row.status).toBe('cancelled');
    expect(row.result).toBeNull();
    expect(await chunkRows(id)).toEqual([]);
  });

  it('cancel stops a plain FitAnalysis job by terminating its thread', async () => {
    const prefix = unique('wcfit');
    prefixes.push(prefix);
    const [worker] = await startWorkers(1, prefix, { WORKER_CONCURRENCY: '1' });
    const id = await insertAnalysis(db.dataSource, heavy, heavySpec(30_000));
    const queue = new Queue(QueueName.Estimation, { connection: { url: redisUrl }, prefix });
    await queue.add(
      JobName.FitAnalysis,
      { analysisId: id },
      { jobId: analysisJobId(id), ...fitAnalysisJobOptions },
    );
    await waitFor(
      'fit running',
      async () => (await analysisRow(db.dataSource, id)).status === 'running',
      30_000,
      50,
    );
    await db.dataSource
      .getRepository(AnalysisEntity)
      .update({ id }, { status: 'cancelled', finishedAt: new Date() });
    await redis.set(analysisCancelKey(prefix, id), '1', 'EX', 600);
    const job = await waitFor(
      'job finished',
      async () => {
        const current = await queue.getJob(analysisJobId(id));
        return current && (await current.isCompleted()) ? current : null;
      },
      5000,
      50,
    );
    expect(job.returnvalue).toBe('cancelled');
    expect(worker!.lines.some((l) => l.includes('thread stopped'))).toBe(true);
    expect((await analysisRow(db.dataSource, id)).status).toBe('cancelled');
    await queue.close();
  });
});
