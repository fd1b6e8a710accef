import { JobName, studyJobOptions, studyPrepareJobId, studyReportJobId } from '@spillover/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { JobQueue } from '../queue/job-queue.js';
import type { UnfinishedStudy } from './study.store.js';
import { StudySweeper } from './study.sweeper.js';

const id = (k: number) => `00000000-0000-4000-8000-00000000000${k}`;

function setup(studies: UnfinishedStudy[], jobs: Record<string, string>) {
  const removed: string[] = [];
  const added: { name: string; data: unknown; opts: unknown }[] = [];
  const queue = {
    getJob: vi.fn(async (jobId: string) => {
      const state = jobs[jobId];
      return state && { getState: async () => state, remove: async () => void removed.push(jobId) };
    }),
    add: vi.fn(async (name: string, data: unknown, opts: unknown) => void added.push({ name, data, opts })),
  } as unknown as Pick<JobQueue, 'getJob' | 'add'>;
  const store = { findUnfinished: vi.fn(async () => studies) };
  return { sweeper: new StudySweeper(store, queue), store, removed, added };
}

describe('StudySweeper', () => {
  it('re-adds the prepare job of a study in preparation whose job is gone, unless it is live or failed', async () => {
    const { sweeper, added, removed } = setup(
      [
        { id: id(1), flowEnqueued: false, openSteps: 0 },
        { id: id(2), flowEnqueued: false, openSteps: 0 },
        { id: id(3), flowEnqueued: false, openSteps: 0 },
        { id: id(4), flowEnqueued: false, openSteps: 0 },
      ],
      {
        [studyPrepareJobId(id(2))]: 'active',
        [studyPrepareJobId(id(3))]: 'failed',
        [studyPrepareJobId(id(4))]: 'completed',
      },
    );
    expect(await sweeper.sweep(new Date())).toEqual([id(1), id(4)]);
    expect(added).toEqual([
      {
        name: JobName.StudyPrepare,
        data: { studyId: id(1) },
        opts: { jobId: studyPrepareJobId(id(1)), ...studyJobOptions },
      },
      {
        name: JobName.StudyPrepare,
        data: { studyId: id(4) },
        opts: { jobId: studyPrepareJobId(id(4)), ...studyJobOptions },
      },
    ]);
    // the completed job of an earlier run would swallow the new one
    expect(removed).toEqual([studyPrepareJobId(id(4))]);
  });

  it('re-adds the report of a prepared study whose parent job is gone, once no step is queued or running', async () => {
    const { sweeper, added } = setup(
      [
        { id: id(1), flowEnqueued: true, openSteps: 0 },
        { id: id(2), flowEnqueued: true, openSteps: 3 },
        { id: id(3), flowEnqueued: true, openSteps: 0 },
      ],
      { [studyReportJobId(id(3))]: 'waiting-children' },
    );
    expect(await sweeper.sweep(new Date())).toEqual([id(1)]);
    expect(added).toEqual([
      {
        name: JobName.StudyReport,
        data: { studyId: id(1) },
        opts: { jobId: studyReportJobId(id(1)), ...studyJobOptions },
      },
    ]);
  });
});
