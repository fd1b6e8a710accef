import type { Progress } from '@spillover/contracts';

/**
 * The queue port: what the API and the worker use of a job queue, in BullMQ's shapes, so BullMQ's
 * Queue, Job and FlowProducer satisfy it as they are and the in-process queue (in-process-queue.ts)
 * implements the same semantics inside one process.
 */

/** Finished jobs kept (age in seconds), as BullMQ's KeepJobs. */
export type JobRetention = boolean | number | { age: number; count?: number } | { count: number };

/** Job options the platform sets (contracts' fitAnalysisJobOptions, bootstrapChunkJobOptions). */
export interface JobOptions {
  /** Dedupe: adding a job whose id exists (in any state, until removed) adds nothing. */
  jobId?: string;
  /** Runs at most this many times; an error named UnrecoverableError is never retried. */
  attempts?: number;
  /** Wait before retry n (1-based): exponential delay·2^(n−1), fixed delay. */
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
  /** A child that fails for good fails its parent (and so on up). */
  failParentOnFailure?: boolean;
  /** A child that fails for good counts as done for its parent. */
  ignoreDependencyOnFailure?: boolean;
  /** History kept of finished jobs: true drops them at once; count/age keep the newest. */
  removeOnComplete?: JobRetention;
  removeOnFail?: JobRetention;
}

/** BullMQ FlowProducer's FlowJob: a tree nested to any depth; a parent runs after all its children. */
export interface FlowJobSpec {
  name: string;
  queueName: string;
  data: unknown;
  opts?: JobOptions;
  children?: FlowJobSpec[];
}

/** What a producer of flows needs: FlowProducer's add(flow). */
export interface FlowAdder {
  add(flow: FlowJobSpec): Promise<unknown>;
}

/** A job as its handler sees it. */
export interface QueueJob<Data = unknown> {
  readonly id?: string;
  readonly name: string;
  readonly data: Data;
  /** Attempts that have failed so far. */
  readonly attemptsMade: number;
  readonly opts: { attempts?: number };
  /** The parent of a flow's child: its id, and `prefix:queue` (BullMQ) or `queue` (in process). */
  readonly parent?: { id?: string; queueKey: string };
  updateProgress(progress: Progress): Promise<void>;
}

/** A stored job as producers, the re-queue sweeper and administrators see it. */
export interface StoredJob<Data = unknown> extends QueueJob<Data> {
  readonly failedReason: string;
  readonly timestamp: number;
  readonly processedOn?: number;
  readonly finishedOn?: number;
  getState(): Promise<string>;
  isFailed(): Promise<boolean>;
  isActive(): Promise<boolean>;
  /** Refused (throws) while the job runs; removes its children too. */
  remove(): Promise<void>;
  /** Removes the children (to any depth) that have not started. */
  removeUnprocessedChildren(): Promise<void>;
  /** Moves a failed job back to waiting. */
  retry(state?: 'failed'): Promise<void>;
}

/** Job states (BullMQ's names) the platform counts and lists. */
export type QueueJobState =
  'waiting' | 'waiting-children' | 'active' | 'completed' | 'failed' | 'delayed' | 'prioritized' | 'paused';

/** One queue, as producers and administrators use it. */
export interface JobQueue<Data = unknown> {
  readonly name: string;
  add(name: string, data: Data, opts?: JobOptions): Promise<unknown>;
  getJob(jobId: string): Promise<StoredJob<Data> | undefined>;
  getJobs(states: QueueJobState[], start?: number, end?: number, asc?: boolean): Promise<StoredJob[]>;
  getJobCounts(...states: QueueJobState[]): Promise<Record<string, number>>;
  getWorkersCount(): Promise<number>;
  updateJobProgress(jobId: string, progress: Progress): Promise<void>;
  isPaused(): Promise<boolean>;
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/** What happened to a job: the events the API relays to progress streams. */
export type JobEvent = { kind: 'progress'; data: unknown } | { kind: 'active' | 'completed' | 'failed' };
export type JobEventListener = (jobId: string, event: JobEvent) => void;

/** A worker consuming a queue, for administrators. */
export interface QueueWorkerInfo {
  id: string;
  name: string;
  addr: string;
  ageSeconds: number;
  idleSeconds: number;
}

/**
 * Everything the API needs of the queue system: the queues, flows, per-job events, the cancel flag the
 * workers read (contracts' analysisCancelKey) and health.
 */
export interface QueueBackend {
  readonly mode: 'bullmq' | 'in-process';
  queue(name: string): JobQueue;
  readonly flows: FlowAdder;
  /** Calls `listener` for every job event of queue `name` until the returned function is called. */
  onJobEvent(name: string, listener: JobEventListener): () => void;
  workers(name: string): Promise<QueueWorkerInfo[]>;
  /** Tells the workers to stop the analysis (they poll the flag while it runs). */
  raiseCancelFlag(analysisId: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
