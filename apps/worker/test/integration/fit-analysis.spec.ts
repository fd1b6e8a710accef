import { analysisJobId, type AnalysisSpecInput, fitAnalysisJobOptions, JobName } from '@spillover/contracts';
import { AnalysisEntity } from '@spillover/db';
import type { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analysisRow,
  createTestDatabase,
  estimationQueue,
  fixturesDir,
  insertAnalysis,
  producCsv,
  type Seed,
  seedDataset,
  startWorker,
  type TestDatabase,
  unique,
  waitFor,
  type WorkerProcess,
} from './support.js';

type RegressionSpecInput = Extract<AnalysisSpecInput, { kind: 'regression' }>;

interface FixtureCase {
  name: string;
  spec: RegressionSpecInput;
  expected: {
    coefficients: Record<string, Record<string, number>>;
    nobs: number;
    nunits: number;
    nperiods: number;
  };
  tolerance: { estimate: number; se: number; absolute: number };
}
const cases: FixtureCase[] = JSON.parse(readFileSync(join(fixturesDir, 'produc/cases.json'), 'utf8'));
const feCase = cases.find((c) => c.name === 'fe-twoways-cluster')!;
// The platform supplies the dataset; the fixture's `data` path is for the CLI.
const feSpec: RegressionSpecInput = { ...feCase.spec, data: undefined };

const finished = (db: TestDatabase, id: string) =>
  waitFor(`analysis ${id} to finish`, async () => {
    const row = await analysisRow(db.dataSource, id);
    return row.status === 'succeeded' || row.status === 'failed' ? row : null;
  });

describe('FitAnalysis jobs (real PostgreSQL, Redis and core)', () => {
  let db: TestDatabase;
  let seed: Seed;
  let prefix: string;
  let queue: Queue;
  let worker: WorkerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    seed = await seedDataset(db.dataSource, producCsv);
    prefix = unique('wtest');
    queue = estimationQueue(prefix);
    worker = await startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix });
  });

  afterAll(async () => {
    await worker?.stop();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await db?.drop();
  });

  const enqueue = (analysisId: string) =>
    queue.add(
      JobName.FitAnalysis,
      { analysisId },
      { jobId: analysisJobId(analysisId), ...fitAnalysisJobOptions },
    );

  it('fits the Produc two-way FE model and stores the reference coefficients', async () => {
    const id = await insertAnalysis(db.dataSource, seed, feSpec);
    await enqueue(id);
    const row = await finished(db, id);
    expect(row.error).toBeNull();
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(1);
    expect(row.worker).toMatch(/:\d+$/);
    expect(row.startedAt).toBeInstanceOf(Date);
    expect(row.finishedAt!.getTime()).toBeGreaterThanOrEqual(row.startedAt!.getTime());
    const result = row.result!;
    expect(result).toMatchObject({ kind: 'regression', model: 'fe', nobs: 816, nunits: 48, nperiods: 17 });
    const { tolerance } = feCase;
    for (const [term, expected] of Object.entries(feCase.expected.coefficients)) {
      const actual = (result as { coefficients: Record<string, Record<string, number>> }).coefficients[term];
      for (const field of ['estimate', 'se'] as const) {
        const rel = field === 'se' ? tolerance.se : tolerance.estimate;
        const delta = Math.abs(actual[field] - expected[field]);
        expect(
          delta,
          `${term}.${field}: expected ${expected[field]}, got ${actual[field]}`,
        ).toBeLessThanOrEqual(tolerance.absolute + rel * Math.abs(expected[field]));
      }
    }
  });

  it('the same job id added twice runs once; a re-run overwrites the same row', async () => {
    const id = await insertAnalysis(db.dataSource, seed, feSpec);
    const [first, second] = await Promise.all([enqueue(id), enqueue(id)]);
    expect(second.id).toBe(first.id);
    const row = await finished(db, id);
    expect(row.status).toBe('succeeded');
    // Give a duplicate the chance to run, then check it did not.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await analysisRow(db.dataSource, id)).attempts).toBe(1);
    expect(
      worker.lines.filter((line) => line.includes('job started') && line.includes(analysisJobId(id))),
    ).toHaveLength(1);

    // Re-run: the row goes back to queued and the old job is replaced.
    await db.dataSource.getRepository(AnalysisEntity).update({ id }, { status: 'queued' });
    await (await queue.getJob(analysisJobId(id)))!.remove();
    await enqueue(id);
    const rerun = await waitFor('re-run', async () => {
      const r = await analysisRow(db.dataSource, id);
      return r.status === 'succeeded' && r.attempts === 2 ? r : null;
    });
    expect(rerun.finishedAt!.getTime()).toBeGreaterThan(row.finishedAt!.getTime());
    expect(rerun.result).toEqual(row.result);
    expect(await db.dataSource.getRepository(AnalysisEntity).countBy({ id })).toBe(1);
  });

  it('a job whose analysis already succeeded is a no-op', async () => {
    const id = await insertAnalysis(db.dataSource, seed, feSpec);
    await enqueue(id);
    const row = await finished(db, id);
    await (await queue.getJob(analysisJobId(id)))!.remove();
    const job = await enqueue(id);
    await waitFor('duplicate job to complete', async () => (await job.isCompleted()) || null);
    expect((await queue.getJob(job.id!))!.returnvalue).toBe('skipped');
    const after = await analysisRow(db.dataSource, id);
    expect(after.attempts).toBe(1);
    expect(after.finishedAt).toEqual(row.finishedAt);
  });

  it('a bad spec (unknown column) fails once, is not retried, and stores the reason', async () => {
    const id = await insertAnalysis(db.dataSource, seed, {
      ...feSpec,
      x: ['lpcap', 'no_such_column'],
    });
    const job = await enqueue(id);
    const row = await finished(db, id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.error).toMatchObject({ code: 'UNKNOWN_COLUMN' });
    expect(row.error!.message).toContain('no_such_column');
    expect(row.finishedAt).toBeInstanceOf(Date);
    const failedJob = await waitFor('job to be failed', async () => {
      const j = await queue.getJob(job.id!);
      return j && (await j.isFailed()) ? j : null;
    });
    expect(failedJob.attemptsMade).toBe(1);
    expect(failedJob.failedReason).toContain('UNKNOWN_COLUMN');
  });
});
