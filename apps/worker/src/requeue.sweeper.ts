import { analysisJobId, fitAnalysisJobOptions, JobName } from '@spillover/contracts';
import type { AnalysisStore } from './analysis.store.js';
import { failureOf } from './job-failure.recorder.js';
import { errorMessage, type Logger } from './logger.js';
import type { JobQueue } from './queue/job-queue.js';

/** Job states in which BullMQ will still run (or is running) the job. */
export const liveJobStates = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export interface SweepOptions {
  intervalMs: number;
  /** A queued row younger than this may still be on its way into Redis. */
  queuedAgeMs: number;
}

export interface SweepReport {
  requeued: string[];
  failed: string[];
  /** Studies whose prepare or report job was re-added. */
  studies: string[];
}

/** Sweeps other records on the same timer (the study sweeper). */
export interface ExtraSweep {
  sweep(createdBefore: Date): Promise<string[]>;
}

/**
 * PostgreSQL is the system of record and BullMQ only delivers work: this re-adds the job of every queued
 * or running analysis whose job Redis lost, with the same job id, and records analyses whose job failed
 * for good while the table could not be written.
 */
export class RequeueSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AnalysisStore,
    private readonly queue: Pick<JobQueue, 'getJob' | 'add'>,
    private readonly log: Logger,
    private readonly options: SweepOptions,
    private readonly studies?: ExtraSweep,
  ) {}

  /** Sweeps now and then every interval. */
  start(): void {
    const tick = () => {
      this.running = this.sweep().catch((error: unknown) =>
        this.log.warn('re-queue sweep failed', { error: errorMessage(error) }),
      );
    };
    tick();
    this.timer = setInterval(tick, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async sweep(now: Date = new Date()): Promise<SweepReport> {
    const report: SweepReport = { requeued: [], failed: [], studies: [] };
    const cutoff = new Date(now.getTime() - this.options.queuedAgeMs);
    const candidates = await this.store.findUnfinished(cutoff);
    for (const analysis of candidates) {
      const jobId = analysisJobId(analysis.id);
      const job = await this.queue.getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      if (job && state === 'failed') {
        if (await this.store.markFailedIfUnfinished(analysis.id, failureOf(job.failedReason))) {
          report.failed.push(analysis.id);
        }
        continue;
      }
      if (liveJobStates.has(state)) continue;
      // A completed job from an earlier run, or a half-lost one, would swallow the re-added job (same id).
      if (job) await job.remove();
      await this.queue.add(
        JobName.FitAnalysis,
        { analysisId: analysis.id },
        { jobId, ...fitAnalysisJobOptions },
      );
      report.requeued.push(analysis.id);
    }
    if (report.requeued.length > 0) {
      this.log.warn('re-queued analyses whose job was missing', { ids: report.requeued });
    }
    if (report.failed.length > 0) {
      this.log.warn('recorded analyses whose job had failed', { ids: report.failed });
    }
    // after the analyses, so that a study's report is re-added once its re-run steps have ended
    report.studies = (await this.studies?.sweep(cutoff)) ?? [];
    if (report.studies.length > 0) {
      this.log.warn('re-queued studies whose job was missing', { ids: report.studies });
    }
    return report;
  }
}
