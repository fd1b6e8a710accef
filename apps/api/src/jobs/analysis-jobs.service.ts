import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  analysisCancelKey,
  analysisCancelTtlSeconds,
  analysisJobId,
  type AnalysisSpec,
  bootstrapChunkSize,
  bootstrapFlow,
  JobName,
  QueueName,
  splitReplicationsOf,
} from '@spillover/contracts';
import { FlowProducer, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EstimationQueue } from '../queue/estimation-queue.js';
import { redisOptions } from '../queue/redis-options.js';

/**
 * How an analysis reaches the workers. Resampling analyses (mediation, threshold, heterogeneity with
 * bootstrap or permutation reps) become a BullMQ flow: an AggregateBootstrap parent (job id of the
 * analysis) over BootstrapChunk children on the bootstrap queue, so every worker process takes chunks.
 * Everything else is one FitAnalysis job. Cancelling sets a Redis flag the workers poll and removes
 * jobs that have not started.
 */
@Injectable()
export class AnalysisJobs implements OnModuleDestroy {
  private readonly logger = new Logger(AnalysisJobs.name);
  private readonly redis: Redis;
  private readonly flows: FlowProducer;
  private readonly estimation: Queue;
  private readonly bootstrap: Queue;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly estimationQueue: EstimationQueue,
  ) {
    // fails fast, like the estimation producer: a request must not hang while Redis is away
    this.redis = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: 1 });
    this.redis.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    const options = { connection: this.redis, prefix: config.queuePrefix };
    this.flows = new FlowProducer(options);
    this.estimation = new Queue(QueueName.Estimation, options);
    this.bootstrap = new Queue(QueueName.Bootstrap, options);
  }

  async enqueue(analysisId: string, spec: AnalysisSpec): Promise<void> {
    const reps = splitReplicationsOf(spec);
    if (reps === 0) return this.estimationQueue.enqueueFit(analysisId);
    const chunkSize =
      this.config.bootstrapChunkSize || bootstrapChunkSize(reps, await this.workerProcesses());
    await this.flows.add(bootstrapFlow(analysisId, reps, chunkSize));
  }

  /**
   * Tells the workers to stop the analysis and removes its jobs that have not started. Running chunks
   * (and a running FitAnalysis) see the flag within a poll interval and terminate their thread.
   */
  async cancel(analysisId: string): Promise<void> {
    await this.redis.set(
      analysisCancelKey(this.config.queuePrefix, analysisId),
      '1',
      'EX',
      analysisCancelTtlSeconds,
    );
    const job = await this.estimation.getJob(analysisJobId(analysisId));
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
      return Math.max(1, await this.bootstrap.getWorkersCount());
    } catch {
      return 1;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.flows.close(), this.estimation.close(), this.bootstrap.close()]);
    await this.redis.quit();
  }
}
