import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { QueueName } from '@spillover/contracts';
import { QueueEvents } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { redisOptions } from './redis-options.js';

/**
 * What happened to a job: new progress, or a change of state worth re-reading the analysis row for;
 * `closing` when the process shuts down (streams end and clients reconnect elsewhere).
 */
export type JobSignal = { kind: 'progress'; data: unknown } | { kind: 'changed' } | { kind: 'closing' };
export type JobListener = (signal: JobSignal) => void;

/**
 * One QueueEvents connection per API process (a blocking Redis stream reader), fanned out in-process
 * to the event streams that follow each job id.
 */
@Injectable()
export class AnalysisEventsRelay implements OnModuleDestroy {
  private readonly logger = new Logger(AnalysisEventsRelay.name);
  private readonly listeners = new Map<string, Set<JobListener>>();
  private readonly events: QueueEvents;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.events = new QueueEvents(QueueName.Estimation, {
      // a blocking reader waits for Redis instead of failing its commands
      connection: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null },
      prefix: config.queuePrefix,
    });
    this.events.on('progress', ({ jobId, data }) => this.emit(jobId, { kind: 'progress', data }));
    for (const event of ['active', 'completed', 'failed'] as const) {
      this.events.on(event, ({ jobId }: { jobId: string }) => this.emit(jobId, { kind: 'changed' }));
    }
    this.events.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
  }

  /** Calls `listener` for every signal of `jobId` until the returned function is called. */
  subscribe(jobId: string, listener: JobListener): () => void {
    const set = this.listeners.get(jobId) ?? new Set<JobListener>();
    this.listeners.set(jobId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    };
  }

  private emit(jobId: string, signal: JobSignal): void {
    for (const listener of this.listeners.get(jobId) ?? []) listener(signal);
  }

  async onModuleDestroy(): Promise<void> {
    for (const jobId of [...this.listeners.keys()]) this.emit(jobId, { kind: 'closing' });
    await this.events.close();
  }
}
