import { FitAnalysisPayload, type Progress } from '@spillover/contracts';
import { type Job, UnrecoverableError } from 'bullmq';
import type { FitOutcome, FitService } from './fit.service.js';

/** JobName.FitAnalysis: unpack the payload, hand it to FitService. */
export function fitAnalysisProcessor(fitService: FitService) {
  return async (job: Job<FitAnalysisPayload>): Promise<FitOutcome> => {
    const payload = FitAnalysisPayload.safeParse(job.data);
    if (!payload.success) {
      throw new UnrecoverableError(`VALIDATION_FAILED: bad FitAnalysis payload ${JSON.stringify(job.data)}`);
    }
    return fitService.fit(payload.data.analysisId, {
      updateProgress: (progress: Progress) => job.updateProgress(progress),
    });
  };
}
