import { FitAnalysisPayload, type Progress } from '@spillover/contracts';
import { UnrecoverableError } from 'bullmq';
import type { FitOutcome, FitService } from './fit.service.js';
import type { QueueJob } from './queue/job-queue.js';

/** JobName.FitAnalysis: unpack the payload, hand it to FitService. */
export function fitAnalysisProcessor(fitService: FitService) {
  return async (job: QueueJob<FitAnalysisPayload>): Promise<FitOutcome> => {
    const payload = FitAnalysisPayload.safeParse(job.data);
    if (!payload.success) {
      throw new UnrecoverableError(`VALIDATION_FAILED: bad FitAnalysis payload ${JSON.stringify(job.data)}`);
    }
    return fitService.fit(payload.data.analysisId, {
      updateProgress: (progress: Progress) => job.updateProgress(progress),
    });
  };
}
