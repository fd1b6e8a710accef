import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  analysisJobId,
  type AnalysisSpec,
  bootstrapChunkSize,
  bootstrapFlow,
  fitAnalysisJobOptions,
  JobName,
  QueueName,
  splitReplicationsOf,
} from '@spillover/contracts';
import type { QueueBackend } from '@spillover/worker/embedded';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { QUEUE_BACKEND } from '../queue/queue-backend.js';

/**
 * How an analysis reaches the workers, through the queue port (BullMQ, or in process in embedded mode).
 * Resampling analyses (mediation, threshold, heterogeneity with bootstrap or permutation reps) become a
 * flow: an AggregateBootstrap parent (job id of the analysis) over BootstrapChunk children on the
 * bootstrap queue, so every worker process takes chunks. Everything else is one FitAnalysis job, whose id
 * is derived from the analysis id, so enqueueing twice cannot run it twice. Cancelling raises the flag
 * the workers poll and removes jobs that have not started.
 */
@Injectable()
export class AnalysisJobs {
  private readonly logger = new Logger(AnalysisJobs.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
  ) {}

  async enqueue(analysisId: string, spec: AnalysisSpec): Promise<void> {
    const reps = splitReplicationsOf(spec);
    if (reps === 0) {
      await this.backend
        .queue(QueueName.Estimation)
        .add(
          JobName.FitAnalysis,
          { analysisId },
          { jobId: analysisJobId(analysisId), ...fitAnalysisJobOptions },
        );
      return;
    }
    const chunkSize =
      this.config.bootstrapChunkSize || bootstrapChunkSize(spec, await this.workerProcesses());
    await this.backend.flows.add(bootstrapFlow(analysisId, reps, chunkSize));
  }

  /**
   * Tells the workers to stop the analysis and removes its jobs that have not started. Running chunks
   * (and a running FitAnalysis) see the flag within a poll interval and terminate their thread.
   */
  async cancel(analysisId: string): Promise<void> {
    await this.backend.raiseCancelFlag(analysisId);
    const job = await this.backend.queue(QueueName.Estimation).getJob(analysisJobId(analysisId));
    if (!job) return;
    try {
      if (job.name === JobName.AggregateBootstrap) await job.removeUnprocessedChildren();
      await job.remove();
    } catch (error) {
      // a job (or chunk) that is running is locked: its worker stops it on the flag
      this.logger.debug(
        `analysis ${analysisId}: job not removed (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  /** Worker processes consuming the bootstrap queue (at least 1, so chunks are sized before workers start). */
  private async workerProcesses(): Promise<number> {
    try {
      return Math.max(1, await this.backend.queue(QueueName.Bootstrap).getWorkersCount());
    } catch {
      return 1;
    }
  }
}
