import type { AnalysisResult, Progress } from '@spillover/contracts';
import type { ReplicationChunk } from '@spillover/core';
import type { TaskRunner } from '../analysis-runner.js';
import type { ReplicationOutcome, ReplicationTask } from './replication-thread-protocol.js';

export type ReplicationThreads = TaskRunner<ReplicationTask, ReplicationOutcome>;

/** Typed calls onto the replication threads (a ThreadPoolRunner of `replication.thread.js`). */
export class ReplicationRunner {
  constructor(private readonly threads: ReplicationThreads) {}

  async runChunk(
    task: Extract<ReplicationTask, { type: 'chunk' }>,
    onProgress: (progress: Progress) => void,
    signal?: AbortSignal,
  ): Promise<ReplicationChunk> {
    const outcome = await this.threads.run(task, onProgress, signal);
    if (outcome.type !== 'chunk') throw new Error(`replication thread answered ${outcome.type} to a chunk`);
    return outcome.chunk;
  }

  async combine(
    task: Extract<ReplicationTask, { type: 'combine' }>,
    signal?: AbortSignal,
  ): Promise<AnalysisResult> {
    const outcome = await this.threads.run(task, () => {}, signal);
    if (outcome.type !== 'combined') {
      throw new Error(`replication thread answered ${outcome.type} to a combination`);
    }
    return outcome.result;
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}
