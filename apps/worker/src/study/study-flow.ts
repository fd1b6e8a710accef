import {
  type AnalysisSpec,
  analysisJobId,
  bootstrapFlow,
  fitAnalysisJobOptions,
  JobName,
  QueueName,
  splitReplicationsOf,
  studyJobOptions,
  studyReportJobId,
} from '@spillover/contracts';
import type { FlowJobSpec } from '../queue/job-queue.js';
import type { EstimationAnalysis } from './study.store.js';

/**
 * The flow of a prepared study: a StudyReport root (runs once every child has ended) over each estimation
 * step's job exactly as POST /analyses would enqueue it — one FitAnalysis job, or an AggregateBootstrap
 * parent over BootstrapChunk children for resampling specs. A failed step must not block the report, so
 * each child ignores its failure as a dependency; job ids are the stable ones, so adding the flow again
 * adds nothing twice.
 */
export function studyFlow(
  studyId: string,
  analyses: EstimationAnalysis[],
  chunkSizeOf: (spec: AnalysisSpec) => number,
): FlowJobSpec {
  return {
    name: JobName.StudyReport,
    queueName: QueueName.Estimation,
    data: { studyId },
    opts: { jobId: studyReportJobId(studyId), ...studyJobOptions },
    children: analyses.map(({ analysisId, spec }): FlowJobSpec => {
      const reps = splitReplicationsOf(spec);
      const job: FlowJobSpec =
        reps === 0
          ? {
              name: JobName.FitAnalysis,
              queueName: QueueName.Estimation,
              data: { analysisId },
              opts: { jobId: analysisJobId(analysisId), ...fitAnalysisJobOptions },
            }
          : bootstrapFlow(analysisId, reps, chunkSizeOf(spec));
      return { ...job, opts: { ...job.opts, ignoreDependencyOnFailure: true } };
    }),
  };
}
