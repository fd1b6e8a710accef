import type { Progress } from '@spillover/contracts';
import { EventEmitter } from 'node:events';
import type {
  FlowAdder,
  FlowJobSpec,
  JobEventListener,
  JobOptions,
  JobQueue,
  QueueJob,
  QueueJobState,
  StoredJob,
} from './job-queue.js';

type State = 'waiting' | 'waiting-children' | 'active' | 'delayed' | 'completed' | 'failed';

interface JobRecord {
  key: string;
  id: string;
  name: string;
  queueName: string;
  data: unknown;
  opts: JobOptions;
  state: State;
  attemptsMade: number;
  failedReason: string;
  timestamp: number;
  processedOn?: number;
  finishedOn?: number;
  parentKey?: string;
  childKeys: string[];
  /** Children that have neither completed nor been ignored. */
  pendingChildren: number;
  retryTimer?: NodeJS.Timeout;
}

export type JobProcessor = (job: QueueJob) => Promise<unknown>;
/** Called on every failed attempt, like BullMQ Worker's `failed` event (JobFailureRecorder listens). */
export type FailureListener = (job: StoredJob, error: Error) => void;

const unprocessed = new Set<State>(['waiting', 'waiting-children', 'delayed']);

function keyOf(queueName: string, id: string): string {
  return `${queueName}:${id}`;
}

/** Wait before retry `attempt` (1-based): exponential delay·2^(attempt−1), fixed delay; none by default. */
export function backoffDelay(opts: JobOptions, attempt: number): number {
  if (!opts.backoff) return 0;
  return opts.backoff.type === 'fixed' ? opts.backoff.delay : opts.backoff.delay * 2 ** (attempt - 1);
}

/** Finished jobs kept: `true` none, a number that many, `{ count, age }` the newest `count` younger than `age` s. */
function retentionOf(option: JobOptions['removeOnComplete']): { count: number; ageMs: number } {
  if (option === true) return { count: 0, ageMs: Infinity };
  if (typeof option === 'number') return { count: option, ageMs: Infinity };
  if (option && typeof option === 'object') {
    return { count: option.count ?? Infinity, ageMs: 'age' in option ? option.age * 1000 : Infinity };
  }
  return { count: Infinity, ageMs: Infinity };
}

/**
 * Queues that live in this process (embedded mode): the semantics of BullMQ the platform relies on, with
 * no Redis. Jobs are deduplicated by id; failed attempts are retried with backoff up to `attempts`, except
 * errors named UnrecoverableError; flows are trees whose parents wait for all their children, a child
 * failing for good fails its parent when it has failParentOnFailure and counts as done when it has
 * ignoreDependencyOnFailure. Each queue runs at most `concurrency` jobs at once, in the order they became
 * ready. Jobs are not persisted: the analyses table is the system of record and the re-queue sweeper
 * re-adds unfinished work after a restart.
 */
export class InProcessQueues {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly ready = new Map<string, string[]>();
  private readonly finished = new Map<string, string[]>();
  private readonly processors = new Map<string, JobProcessor>();
  private readonly active = new Map<string, number>();
  private readonly paused = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly events = new EventEmitter();
  private readonly failureListeners: FailureListener[] = [];
  private readonly views = new Map<string, JobQueue>();
  private readonly startedAt = Date.now();
  private sequence = 0;
  private closed = false;

  readonly flows: FlowAdder = { add: async (flow) => this.view(this.addFlow(flow)) };

  constructor(private readonly concurrency: number) {
    this.events.setMaxListeners(0);
  }

  /** Runs the jobs of `queueName` with `processor`, `concurrency` at a time. */
  process(queueName: string, processor: JobProcessor): void {
    this.processors.set(queueName, processor);
    this.pump(queueName);
  }

  onFailed(listener: FailureListener): void {
    this.failureListeners.push(listener);
  }

  onJobEvent(queueName: string, listener: JobEventListener): () => void {
    const relay = (name: string, jobId: string, event: Parameters<JobEventListener>[1]) => {
      if (name === queueName) listener(jobId, event);
    };
    this.events.on('job', relay);
    return () => this.events.off('job', relay);
  }

  /** Processes consuming `queueName`: this one, once a processor is attached. */
  workersCount(queueName: string): number {
    return this.processors.has(queueName) && !this.closed ? 1 : 0;
  }

  /** Seconds since this process's queues started (the in-process worker's age). */
  ageSeconds(): number {
    return Math.floor((Date.now() - this.startedAt) / 1000);
  }

  queue(name: string): JobQueue {
    let view = this.views.get(name);
    if (!view) {
      view = this.queueView(name);
      this.views.set(name, view);
    }
    return view;
  }

  /** Takes no new jobs, cancels pending retries and waits for the running jobs to settle. */
  async close(): Promise<void> {
    this.closed = true;
    for (const record of this.jobs.values()) clearTimeout(record.retryTimer);
    await Promise.allSettled([...this.running]);
  }

  // ------------------------------------------------------------------ adding

  private add(queueName: string, name: string, data: unknown, opts: JobOptions = {}, parentKey?: string) {
    const id = opts.jobId ?? String(++this.sequence);
    const key = keyOf(queueName, id);
    const existing = this.jobs.get(key);
    if (existing) return { record: existing, created: false };
    const record: JobRecord = {
      key,
      id,
      name,
      queueName,
      data,
      opts,
      state: 'waiting',
      attemptsMade: 0,
      failedReason: '',
      timestamp: Date.now(),
      parentKey,
      childKeys: [],
      pendingChildren: 0,
    };
    this.jobs.set(key, record);
    return { record, created: true };
  }

  /** Adds the tree; a parent waits in `waiting-children` until every child is done. */
  private addFlow(flow: FlowJobSpec, parentKey?: string): JobRecord {
    const { record, created } = this.add(flow.queueName, flow.name, flow.data, flow.opts, parentKey);
    if (!created) return record;
    const children = flow.children ?? [];
    if (children.length > 0) record.state = 'waiting-children';
    for (const child of children) {
      const added = this.addFlow(child, record.key);
      record.childKeys.push(added.key);
      if (added.state !== 'completed') record.pendingChildren++;
    }
    if (record.pendingChildren === 0) this.makeReady(record);
    return record;
  }

  private makeReady(record: JobRecord): void {
    record.state = 'waiting';
    const list = this.ready.get(record.queueName) ?? [];
    this.ready.set(record.queueName, list);
    list.push(record.key);
    queueMicrotask(() => this.pump(record.queueName));
  }

  // ------------------------------------------------------------------ running

  private pump(queueName: string): void {
    const processor = this.processors.get(queueName);
    const list = this.ready.get(queueName);
    if (!processor || !list || this.closed || this.paused.has(queueName)) return;
    while ((this.active.get(queueName) ?? 0) < this.concurrency && list.length > 0) {
      const record = this.jobs.get(list.shift()!);
      if (record?.state === 'waiting') this.start(record, processor);
    }
  }

  private start(record: JobRecord, processor: JobProcessor): void {
    record.state = 'active';
    record.processedOn = Date.now();
    this.active.set(record.queueName, (this.active.get(record.queueName) ?? 0) + 1);
    this.emit(record, { kind: 'active' });
    const run = processor(this.view(record)).then(
      () => this.complete(record),
      (error: unknown) => this.fail(record, error instanceof Error ? error : new Error(String(error))),
    );
    const tracked = run.finally(() => {
      this.running.delete(tracked);
      this.active.set(record.queueName, (this.active.get(record.queueName) ?? 1) - 1);
      this.pump(record.queueName);
    });
    this.running.add(tracked);
  }

  private complete(record: JobRecord): void {
    record.state = 'completed';
    record.finishedOn = Date.now();
    this.emit(record, { kind: 'completed' });
    this.childSettled(record);
    this.retain(record, record.opts.removeOnComplete);
  }

  private fail(record: JobRecord, error: Error): void {
    record.attemptsMade++;
    record.failedReason = error.message;
    const final = error.name === 'UnrecoverableError' || record.attemptsMade >= (record.opts.attempts ?? 1);
    if (!final && !this.closed && this.jobs.has(record.key)) {
      record.state = 'delayed';
      record.retryTimer = setTimeout(
        () => {
          record.retryTimer = undefined;
          if (record.state === 'delayed') this.makeReady(record);
        },
        backoffDelay(record.opts, record.attemptsMade),
      );
    } else {
      this.finishFailed(record);
    }
    for (const listener of this.failureListeners) listener(this.view(record), error);
    if (final) this.failed(record);
  }

  private finishFailed(record: JobRecord): void {
    record.state = 'failed';
    record.finishedOn = Date.now();
  }

  /** After a final failure: events, the parent (fail it or let it go on), history. */
  private failed(record: JobRecord): void {
    this.emit(record, { kind: 'failed' });
    const parent = record.parentKey ? this.jobs.get(record.parentKey) : undefined;
    if (parent?.state === 'waiting-children') {
      if (record.opts.failParentOnFailure) {
        parent.failedReason = `child ${record.key} failed`;
        this.finishFailed(parent);
        this.failed(parent);
      } else if (record.opts.ignoreDependencyOnFailure) {
        this.childSettled(record);
      }
    }
    this.retain(record, record.opts.removeOnFail);
  }

  /** A child completed (or failed, ignored): its parent runs once no child is pending. */
  private childSettled(record: JobRecord): void {
    const parent = record.parentKey ? this.jobs.get(record.parentKey) : undefined;
    if (!parent) return;
    parent.pendingChildren--;
    if (parent.pendingChildren === 0 && parent.state === 'waiting-children') this.makeReady(parent);
  }

  /** Drops the oldest finished jobs of the queue beyond the job's retention. */
  private retain(record: JobRecord, option: JobOptions['removeOnComplete']): void {
    const { count, ageMs } = retentionOf(option);
    const listKey = `${record.queueName}:${record.state}`;
    const list = this.finished.get(listKey) ?? [];
    this.finished.set(listKey, list);
    list.push(record.key);
    const now = Date.now();
    while (list.length > 0) {
      const oldest = this.jobs.get(list[0]!);
      // removed or retried meanwhile: only the entry goes
      const stale = !oldest || oldest.state !== record.state;
      if (!stale && list.length <= count && now - (oldest.finishedOn ?? now) <= ageMs) break;
      list.shift();
      if (!stale) this.jobs.delete(oldest.key);
    }
  }

  private emit(record: JobRecord, event: Parameters<JobEventListener>[1]): void {
    this.events.emit('job', record.queueName, record.id, event);
  }

  // ------------------------------------------------------------------ removing

  /** Removes a job that is not running, with its children; running children go on, detached. */
  private remove(record: JobRecord): void {
    if (record.state === 'active') {
      throw new Error(`job ${record.id} is running and cannot be removed`);
    }
    for (const childKey of record.childKeys) {
      const child = this.jobs.get(childKey);
      if (!child) continue;
      child.parentKey = undefined;
      if (child.state !== 'active') this.remove(child);
    }
    clearTimeout(record.retryTimer);
    this.jobs.delete(record.key);
    const parent = record.parentKey ? this.jobs.get(record.parentKey) : undefined;
    if (parent && record.state !== 'completed') this.childSettled(record);
  }

  /** Removes the children, to any depth, that have not started; the parent waits for the rest. */
  private removeUnprocessedChildren(record: JobRecord): void {
    for (const childKey of record.childKeys) {
      const child = this.jobs.get(childKey);
      if (!child) continue;
      this.removeUnprocessedChildren(child);
      if (unprocessed.has(child.state) && !this.hasActiveDescendant(child)) {
        child.parentKey = undefined;
        this.remove(child);
        record.pendingChildren--;
      }
    }
    record.childKeys = record.childKeys.filter((key) => this.jobs.has(key));
  }

  private hasActiveDescendant(record: JobRecord): boolean {
    return record.childKeys.some((key) => {
      const child = this.jobs.get(key);
      return child !== undefined && (child.state === 'active' || this.hasActiveDescendant(child));
    });
  }

  // ------------------------------------------------------------------ views (BullMQ's shapes)

  private view(record: JobRecord): StoredJob {
    const parent = record.parentKey ? this.jobs.get(record.parentKey) : undefined;
    return {
      id: record.id,
      name: record.name,
      data: record.data,
      opts: record.opts,
      get attemptsMade() {
        return record.attemptsMade;
      },
      get failedReason() {
        return record.failedReason;
      },
      timestamp: record.timestamp,
      get processedOn() {
        return record.processedOn;
      },
      get finishedOn() {
        return record.finishedOn;
      },
      parent: parent ? { id: parent.id, queueKey: parent.queueName } : undefined,
      updateProgress: async (progress: Progress) => {
        this.emit(record, { kind: 'progress', data: progress });
      },
      getState: async () => (this.jobs.get(record.key) === record ? record.state : 'unknown'),
      isFailed: async () => record.state === 'failed',
      isActive: async () => record.state === 'active',
      remove: async () => this.remove(record),
      removeUnprocessedChildren: async () => this.removeUnprocessedChildren(record),
      retry: async () => {
        if (record.state !== 'failed') throw new Error(`job ${record.id} is ${record.state}, not failed`);
        record.failedReason = '';
        record.finishedOn = undefined;
        this.makeReady(record);
      },
    };
  }

  private recordsOf(queueName: string): JobRecord[] {
    return [...this.jobs.values()].filter((record) => record.queueName === queueName);
  }

  private queueView(name: string): JobQueue {
    return {
      name,
      add: async (jobName, data, opts) => this.view(this.addReady(name, jobName, data, opts)),
      getJob: async (jobId) => {
        const record = this.jobs.get(keyOf(name, jobId));
        return record && this.view(record);
      },
      getJobs: async (states: QueueJobState[], start = 0, end = -1, asc = false) => {
        const wanted = new Set<string>(states);
        const found = this.recordsOf(name)
          .filter((record) => wanted.has(record.state))
          .sort((a, b) => (asc ? a.timestamp - b.timestamp : b.timestamp - a.timestamp));
        return found.slice(start, end < 0 ? undefined : end + 1).map((record) => this.view(record));
      },
      getJobCounts: async (...states: QueueJobState[]) => {
        const counts: Record<string, number> = Object.fromEntries(states.map((state) => [state, 0]));
        for (const record of this.recordsOf(name)) {
          if (record.state in counts) counts[record.state]!++;
        }
        return counts;
      },
      getWorkersCount: async () => this.workersCount(name),
      updateJobProgress: async (jobId, progress) => {
        const record = this.jobs.get(keyOf(name, jobId));
        if (!record) throw new Error(`job ${jobId} not found in queue ${name}`);
        await this.view(record).updateProgress(progress);
      },
      isPaused: async () => this.paused.has(name),
      pause: async () => {
        this.paused.add(name);
      },
      resume: async () => {
        this.paused.delete(name);
        this.pump(name);
      },
    };
  }

  private addReady(queueName: string, name: string, data: unknown, opts?: JobOptions): JobRecord {
    const { record, created } = this.add(queueName, name, data, opts);
    if (created) this.makeReady(record);
    return record;
  }
}
