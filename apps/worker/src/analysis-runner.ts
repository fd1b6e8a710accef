import { type AnalysisResult, type Progress, SpilloverError } from '@spillover/contracts';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisTask, ThreadError, ThreadMessage } from './analysis-thread-protocol.js';

/** Runs a task somewhere that does not block the caller's event loop; `signal` aborts it (the thread is terminated). */
export interface TaskRunner<Task, Result> {
  run(task: Task, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<Result>;
  close(): Promise<void>;
}

export type AnalysisRunner = TaskRunner<AnalysisTask, AnalysisResult>;

/** A thread ended without answering (crash, out of memory, terminated): not the input's fault, so retried. */
export class AnalysisThreadError extends Error {
  override readonly name = 'AnalysisThreadError';
}

/** The task was aborted (its analysis was cancelled); its thread was terminated. */
export class AnalysisCancelledError extends Error {
  override readonly name = 'AnalysisCancelledError';
}

function toError(error: ThreadError): Error {
  // INTERNAL from a thread is a bug or a crash inside core: kept as a plain error so it is retried.
  const restored =
    error.code === 'INTERNAL'
      ? new Error(error.message)
      : new SpilloverError(error.code, error.message, error.details);
  if (error.stack) restored.stack = error.stack;
  return restored;
}

/**
 * A fixed-size pool of worker threads running `analysis.thread.js`. BullMQ keeps renewing job locks on the
 * main thread while an estimation runs here, so long jobs are not reported as stalled.
 */
export class ThreadPoolRunner<Task = AnalysisTask, Result = AnalysisResult> implements TaskRunner<
  Task,
  Result
> {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: Array<{ resolve: (thread: Worker) => void; reject: (error: Error) => void }> = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly scriptPath: string = join(__dirname, 'analysis.thread.js'),
  ) {}

  async run(task: Task, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<Result> {
    const thread = await this.acquire();
    return new Promise<Result>((resolve, reject) => {
      const cleanup = () => {
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (message: ThreadMessage<Result>) => {
        switch (message.type) {
          case 'progress':
            onProgress(message.progress);
            return;
          case 'result':
            cleanup();
            this.release(thread);
            resolve(message.result);
            return;
          case 'error':
            cleanup();
            this.release(thread);
            reject(toError(message.error));
            return;
        }
      };
      const onError = (error: Error) => {
        cleanup();
        this.discard(thread);
        reject(new AnalysisThreadError(`analysis thread failed: ${error.message}`));
      };
      const onExit = (code: number) => {
        cleanup();
        this.discard(thread);
        reject(new AnalysisThreadError(`analysis thread exited with code ${code}`));
      };
      // core's work is synchronous: stopping it means terminating its thread
      const onAbort = () => {
        cleanup();
        this.discard(thread);
        reject(new AnalysisCancelledError('analysis cancelled'));
      };
      if (signal?.aborted) return onAbort();
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      thread.postMessage(task);
    });
  }

  /** Starts every thread now instead of on the first tasks, so a thread can load and warm up while idle. */
  prestart(): void {
    while (!this.closed && this.all.size < this.size) this.release(this.spawn());
  }

  /** Terminates every thread; running tasks reject. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) {
      waiter.reject(new AnalysisThreadError('analysis runner closed'));
    }
    await Promise.all([...this.all].map((thread) => thread.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(new AnalysisThreadError('analysis runner closed'));
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.all.size < this.size) return Promise.resolve(this.spawn());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private spawn(): Worker {
    const thread = new Worker(this.scriptPath);
    this.all.add(thread);
    // a thread that dies while idle is dropped (a running task hears of it through its own listeners)
    thread.on('error', () => {});
    thread.once('exit', () => {
      this.all.delete(thread);
      const idle = this.idle.indexOf(thread);
      if (idle >= 0) this.idle.splice(idle, 1);
    });
    return thread;
  }

  private release(thread: Worker): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(thread);
    else this.idle.push(thread);
  }

  /** Drops a dead thread; a task waiting for a thread gets a fresh one. */
  private discard(thread: Worker): void {
    this.all.delete(thread);
    if (this.closed) return;
    void thread.terminate();
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(this.spawn());
  }
}
