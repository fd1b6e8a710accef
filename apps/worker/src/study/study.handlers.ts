import { isDeterministicError, JobName, serializeError, StudyJobPayload } from '@spillover/contracts';
import { bundledCityListCsv } from '@spillover/demo';
import { UnrecoverableError } from 'bullmq';
import { errorMessage, type Logger } from '../logger.js';
import type { FlowAdder, JobQueue, QueueJob } from '../queue/job-queue.js';
import { type StudyOutcome, StudyService } from './study.service.js';
import type { StudyStore } from './study.store.js';

export interface StudyHandlersDeps {
  /** `new StudyRepository(dataSource)` in the worker. */
  store: StudyStore;
  /** Adds the flow of a prepared study: `new FlowProducer({ connection, prefix })` in the worker. */
  flows: FlowAdder;
  /** Anything that counts the worker processes (they all take bootstrap chunks), e.g. the estimation queue. */
  workers: Pick<JobQueue, 'getWorkersCount'>;
  log: Logger;
  workerName: string;
}

type StudyStep = (studyId: string) => Promise<StudyOutcome>;

/**
 * One study job: a bad payload or a deterministic error (bad options, data the template cannot use) marks
 * the study failed at once and is not retried (UnrecoverableError); any other error is retried by BullMQ,
 * and the last attempt's failure is recorded on the study (JobFailureRecorder only knows analyses).
 */
function studyJob(store: StudyStore, log: Logger, step: StudyStep) {
  return async (job: QueueJob<StudyJobPayload>): Promise<StudyOutcome> => {
    const payload = StudyJobPayload.safeParse(job.data);
    if (!payload.success) {
      throw new UnrecoverableError(`VALIDATION_FAILED: bad ${job.name} payload ${JSON.stringify(job.data)}`);
    }
    const { studyId } = payload.data;
    try {
      return await step(studyId);
    } catch (error) {
      const serialized = serializeError(error);
      const deterministic = error instanceof UnrecoverableError || isDeterministicError(serialized.code);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!deterministic && !lastAttempt) throw error;
      try {
        await store.markFailed(studyId, serialized);
        log.warn('study failed', {
          studyId,
          job: job.name,
          code: serialized.code,
          error: serialized.message,
        });
      } catch (storeError) {
        log.error('could not record a failed study', { studyId, error: errorMessage(storeError) });
      }
      if (error instanceof UnrecoverableError || !deterministic) throw error;
      throw new UnrecoverableError(`${serialized.code}: ${serialized.message}`);
    }
  };
}

/** The handlers of JobName.StudyPrepare and JobName.StudyReport. */
export function createStudyHandlers(deps: StudyHandlersDeps) {
  const { store } = deps;
  const service = new StudyService({
    store,
    flows: deps.flows,
    workerProcesses: () => deps.workers.getWorkersCount(),
    cityListCsv: bundledCityListCsv,
    log: deps.log,
    workerName: deps.workerName,
  });
  return {
    [JobName.StudyPrepare]: studyJob(store, deps.log, (id) => service.prepare(id)),
    [JobName.StudyReport]: studyJob(store, deps.log, (id) => service.report(id)),
  };
}
