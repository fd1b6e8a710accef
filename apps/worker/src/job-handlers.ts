import { JobName, type JobPayloads } from '@spillover/contracts';
import { UnrecoverableError } from 'bullmq';
import type { QueueJob } from './queue/job-queue.js';

/** Exactly one handler per job name; the mapped type and `assertHandlersComplete` both enforce it. */
export type JobHandlers = { [Name in JobName]: (job: QueueJob<JobPayloads[Name]>) => Promise<unknown> };

export function assertHandlersComplete(handlers: Record<string, unknown>): void {
  const expected = Object.values(JobName) as string[];
  const missing = expected.filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !expected.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `job handlers do not match JobName: missing [${missing.join(', ')}], unknown [${unknown.join(', ')}]`,
    );
  }
}

/** The processor of either queue implementation (BullMQ or in process): dispatches on the job's name. */
export function dispatchJob(handlers: JobHandlers) {
  assertHandlersComplete(handlers);
  return async (job: QueueJob): Promise<unknown> => {
    const handler = Object.hasOwn(handlers, job.name)
      ? (handlers as Record<string, (job: QueueJob) => Promise<unknown>>)[job.name]
      : undefined;
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job);
  };
}
