import { JobName, studyJobOptions, studyPrepareJobId, studyReportJobId } from '@spillover/contracts';
import type { JobQueue } from '../queue/job-queue.js';
import { liveJobStates } from '../requeue.sweeper.js';
import type { StudyStore } from './study.store.js';

/**
 * Studies whose job was lost (Redis without persistence, or an embedded-mode restart, which keeps no
 * jobs): PostgreSQL says where each unfinished study stands, and this re-adds the job that moves it on.
 * A study still in preparation gets its StudyPrepare job again (idempotent: stored records are reused).
 * A prepared study whose StudyReport parent is gone gets a plain StudyReport job once none of its step
 * analyses is queued or running any more (the analysis sweeper re-runs those first).
 */
export class StudySweeper {
  constructor(
    private readonly store: Pick<StudyStore, 'findUnfinished'>,
    private readonly queue: Pick<JobQueue, 'getJob' | 'add'>,
  ) {}

  /** Re-adds the missing jobs of studies created before `createdBefore`; returns their ids. */
  async sweep(createdBefore: Date): Promise<string[]> {
    const requeued: string[] = [];
    for (const study of await this.store.findUnfinished(createdBefore)) {
      const [name, jobId] = study.flowEnqueued
        ? [JobName.StudyReport, studyReportJobId(study.id)]
        : [JobName.StudyPrepare, studyPrepareJobId(study.id)];
      const job = await this.queue.getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      // a failed job has recorded its failure on the study (last attempt); a live one will run
      if (state === 'failed' || liveJobStates.has(state)) continue;
      if (name === JobName.StudyReport && study.openSteps > 0) continue;
      // a completed job of an earlier run would swallow the re-added one (same id)
      if (job) await job.remove();
      await this.queue.add(name, { studyId: study.id }, { jobId, ...studyJobOptions });
      requeued.push(study.id);
    }
    return requeued;
  }
}
