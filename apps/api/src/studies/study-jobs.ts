import { Inject, Injectable } from '@nestjs/common';
import { JobName, QueueName, studyJobOptions, studyPrepareJobId } from '@spillover/contracts';
import type { QueueBackend } from '@spillover/worker/embedded';
import { QUEUE_BACKEND } from '../queue/queue-backend.js';

/**
 * Producer of a study's one job, StudyPrepare, on the estimation queue through the queue port (BullMQ, or
 * in process in embedded mode); the worker adds the rest as a flow.
 */
@Injectable()
export class StudyJobs {
  constructor(@Inject(QUEUE_BACKEND) private readonly backend: QueueBackend) {}

  /** The job id is derived from the study id, so enqueueing twice cannot prepare it twice. */
  async enqueuePrepare(studyId: string): Promise<void> {
    await this.backend
      .queue(QueueName.Estimation)
      .add(JobName.StudyPrepare, { studyId }, { jobId: studyPrepareJobId(studyId), ...studyJobOptions });
  }
}
