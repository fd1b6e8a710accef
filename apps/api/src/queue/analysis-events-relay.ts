import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { QueueName } from '@spillover/contracts';
import type { QueueBackend } from '@spillover/worker/embedded';
import { QUEUE_BACKEND } from './queue-backend.js';

/**
 * What happened to a job: new progress, or a change of state worth re-reading the analysis row for;
 * `closing` when the process shuts down (streams end and clients reconnect elsewhere).
 */
export type JobSignal = { kind: 'progress'; data: unknown } | { kind: 'changed' } | { kind: 'closing' };
export type JobListener = (signal: JobSignal) => void;

/** The estimation queue's job events (one reader per process), fanned out to the streams following each job id. */
@Injectable()
export class AnalysisEventsRelay implements OnModuleDestroy {
  private readonly listeners = new Map<string, Set<JobListener>>();
  private readonly unsubscribe: () => void;

  constructor(@Inject(QUEUE_BACKEND) backend: QueueBackend) {
    this.unsubscribe = backend.onJobEvent(QueueName.Estimation, (jobId, event) =>
      this.emit(jobId, event.kind === 'progress' ? event : { kind: 'changed' }),
    );
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

  onModuleDestroy(): void {
    for (const jobId of [...this.listeners.keys()]) this.emit(jobId, { kind: 'closing' });
    this.unsubscribe();
  }
}
