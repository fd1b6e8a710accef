import { fitAnalysisJobOptions } from '@spillover/contracts';
import type { Queue } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import type { AnalysisStore, UnfinishedAnalysis } from './analysis.store.js';
import { createLogger } from './logger.js';
import { RequeueSweeper } from './requeue.sweeper.js';

const ids = [
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-000000000002',
  '00000000-0000-4000-8000-000000000003',
  '00000000-0000-4000-8000-000000000004',
];

function setup(rows: UnfinishedAnalysis[], jobs: Record<string, { state: string; failedReason?: string }>) {
  const store = {
    findUnfinished: vi.fn(async () => rows),
    markFailedIfUnfinished: vi.fn(async () => true),
  } as unknown as AnalysisStore;
  const removed: string[] = [];
  const queue = {
    getJob: vi.fn(async (jobId: string) => {
      const job = jobs[jobId];
      return job && { ...job, getState: async () => job.state, remove: async () => void removed.push(jobId) };
    }),
    add: vi.fn(async () => ({})),
  } as unknown as Queue;
  const sweeper = new RequeueSweeper(
    store,
    queue,
    createLogger('error', () => {}),
    { intervalMs: 60_000, queuedAgeMs: 30_000 },
  );
  return { store, queue, sweeper, removed };
}

describe('RequeueSweeper', () => {
  it('re-adds the job of a queued or running analysis whose job is gone, with the same id', async () => {
    const { queue, sweeper } = setup(
      [
        { id: ids[0], status: 'queued' },
        { id: ids[1], status: 'running' },
        { id: ids[2], status: 'queued' },
      ],
      { [`analysis-${ids[2]}`]: { state: 'waiting' } },
    );
    const report = await sweeper.sweep();
    expect(report.requeued).toEqual([ids[0], ids[1]]);
    expect(queue.add).toHaveBeenCalledWith(
      'FitAnalysis',
      { analysisId: ids[0] },
      { jobId: `analysis-${ids[0]}`, ...fitAnalysisJobOptions },
    );
  });

  it('asks only for queued rows older than the grace period', async () => {
    const { store, sweeper } = setup([], {});
    await sweeper.sweep(new Date('2026-01-01T00:01:00Z'));
    expect(store.findUnfinished).toHaveBeenCalledWith(new Date('2026-01-01T00:00:30Z'));
  });

  it('records a row whose job failed for good, and replaces a completed job left over by a re-run', async () => {
    const { store, queue, sweeper, removed } = setup(
      [
        { id: ids[0], status: 'running' },
        { id: ids[3], status: 'queued' },
      ],
      {
        [`analysis-${ids[0]}`]: { state: 'failed', failedReason: 'job stalled more than allowable limit' },
        [`analysis-${ids[3]}`]: { state: 'completed' },
      },
    );
    const report = await sweeper.sweep();
    expect(report).toEqual({ requeued: [ids[3]], failed: [ids[0]], studies: [] });
    expect(store.markFailedIfUnfinished).toHaveBeenCalledWith(
      ids[0],
      expect.objectContaining({ code: 'WORKER_LOST' }),
    );
    expect(removed).toEqual([`analysis-${ids[3]}`]);
    expect(queue.add).toHaveBeenCalledTimes(1);
  });
});
