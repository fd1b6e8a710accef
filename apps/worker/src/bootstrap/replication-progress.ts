import { type Progress, replicationProgressKey } from '@spillover/contracts';

/** The Redis commands progress needs (ioredis' multi and del; in process, MemoryKeys). */
export interface ProgressHash {
  multi(): ProgressTransaction;
  del(key: string): Promise<number>;
}
export interface ProgressTransaction {
  hsetnx(key: string, field: string, value: string): ProgressTransaction;
  hset(key: string, field: string, value: string): ProgressTransaction;
  expire(key: string, seconds: number): ProgressTransaction;
  hgetall(key: string): ProgressTransaction;
  exec(): Promise<[error: Error | null, result: unknown][] | null>;
}

const startedField = 'startedAt';
const keyTtlSeconds = 24 * 3600;

/**
 * Progress of split replications: `done` of `total`, the estimated seconds left from the rate so far
 * (elapsed / done × (total − done)), and a message saying both.
 */
export function replicationProgress(done: number, total: number, elapsedMs: number): Progress {
  const progress: Progress = { stage: 'replications', done, total };
  const left = total - done;
  if (done > 0 && left > 0) {
    progress.etaSeconds = Math.ceil(((elapsedMs / done) * left) / 1000);
    progress.message = `${done} of ${total} replications; about ${progress.etaSeconds} s left`;
  } else {
    progress.message = `${done} of ${total} replications`;
  }
  return progress;
}

/**
 * Replications done per chunk, in one Redis hash per analysis (field `from-to`), so every worker sees
 * the sum: a retried chunk overwrites its field and never counts twice.
 */
export class ReplicationProgressTracker {
  constructor(
    private readonly redis: ProgressHash,
    private readonly queuePrefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async record(analysisId: string, from: number, to: number, done: number, total: number): Promise<Progress> {
    const key = replicationProgressKey(this.queuePrefix, analysisId);
    const results = await this.redis
      .multi()
      .hsetnx(key, startedField, String(this.now()))
      .hset(key, `${from}-${to}`, String(done))
      .expire(key, keyTtlSeconds)
      .hgetall(key)
      .exec();
    const [error, fields] = results?.[3] ?? [new Error('progress transaction aborted'), null];
    if (error) throw error;
    let sum = 0;
    let startedAt = this.now();
    for (const [field, value] of Object.entries(fields as Record<string, string>)) {
      if (field === startedField) startedAt = Number(value);
      else sum += Number(value);
    }
    return replicationProgress(Math.min(sum, total), total, this.now() - startedAt);
  }

  async clear(analysisId: string): Promise<void> {
    await this.redis.del(replicationProgressKey(this.queuePrefix, analysisId));
  }
}
