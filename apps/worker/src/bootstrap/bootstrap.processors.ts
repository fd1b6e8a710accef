import { AggregateBootstrapPayload, BootstrapChunkPayload, type Progress } from '@spillover/contracts';
import { UnrecoverableError } from 'bullmq';
import type { JobQueue, QueueJob } from '../queue/job-queue.js';
import type {
  AggregateOutcome,
  ChunkOutcome,
  SplitReplicationService,
} from './split-replications.service.js';

/** JobName.BootstrapChunk: unpack the payload; progress goes to the parent through the estimation queue. */
export function bootstrapChunkProcessor(
  service: SplitReplicationService,
  estimationQueue: Pick<JobQueue, 'updateJobProgress'>,
) {
  return async (job: QueueJob<BootstrapChunkPayload>): Promise<ChunkOutcome> => {
    const payload = BootstrapChunkPayload.safeParse(job.data);
    if (!payload.success || payload.data.to <= payload.data.from) {
      throw new UnrecoverableError(
        `VALIDATION_FAILED: bad BootstrapChunk payload ${JSON.stringify(job.data)}`,
      );
    }
    const parentId = job.parent?.id;
    return service.runChunk(payload.data, {
      updateParentProgress: async (progress: Progress) => {
        if (parentId) await estimationQueue.updateJobProgress(parentId, progress);
      },
    });
  };
}

/** JobName.AggregateBootstrap: runs once every chunk has completed. */
export function aggregateBootstrapProcessor(service: SplitReplicationService) {
  return async (job: QueueJob<AggregateBootstrapPayload>): Promise<AggregateOutcome> => {
    const payload = AggregateBootstrapPayload.safeParse(job.data);
    if (!payload.success) {
      throw new UnrecoverableError(
        `VALIDATION_FAILED: bad AggregateBootstrap payload ${JSON.stringify(job.data)}`,
      );
    }
    return service.aggregate(payload.data, {
      updateProgress: (progress: Progress) => job.updateProgress(progress),
    });
  };
}
