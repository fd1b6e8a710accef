import type { AnalysisResult, AnalysisSpec, Progress, SerializedError } from '@spillover/contracts';

/** Messages between the worker's main thread and an analysis thread. */

export interface AnalysisTask {
  spec: AnalysisSpec;
  inputs: { panelCsv: string; weightsText?: string; weightsName?: string };
}

/** An error crossing the thread boundary: a SpilloverError keeps its code; anything else is INTERNAL. */
export type ThreadError = SerializedError & { stack?: string };

export type ThreadMessage<Result = AnalysisResult> =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: Result }
  | { type: 'error'; error: ThreadError };
