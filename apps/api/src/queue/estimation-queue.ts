import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  analysisJobId,
  fitAnalysisJobOptions,
  JobName,
  QueueName,
  type FitAnalysisPayload,
} from '@spillover/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { redisOptions } from './redis-options.js';

/** Producer of the estimation queue. Fails fast: a request must not hang while Redis is away. */
@Injectable()
export class EstimationQueue implements OnModuleDestroy {
  private readonly logger = new Logger(EstimationQueue.name);
  private readonly redis: Redis;
  private readonly queue: Queue<FitAnalysisPayload>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: 1 });
    this.redis.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    this.queue = new Queue<FitAnalysisPayload>(QueueName.Estimation, {
      connection: this.redis,
      prefix: config.queuePrefix,
    });
  }

  /** The job id is derived from the analysis id, so enqueueing twice cannot run it twice. */
  async enqueueFit(analysisId: string): Promise<void> {
    await this.queue.add(
      JobName.FitAnalysis,
      { analysisId },
      { jobId: analysisJobId(analysisId), ...fitAnalysisJobOptions },
    );
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    // a connection handed to BullMQ stays open on close(); it is ours to end
    await this.redis.quit();
  }
}
