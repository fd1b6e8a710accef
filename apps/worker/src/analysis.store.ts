import type {
  AnalysisResult,
  AnalysisSpec,
  AnalysisStatus,
  Progress,
  SerializedError,
} from '@spillover/contracts';
import type { DatasetVersionDraft } from '@spillover/db';
import type { DerivationSource } from './derived-dataset.js';

/** What the worker reads and writes on the analyses table (implemented by AnalysisRepository). */

export interface AnalysisToRun {
  id: string;
  status: AnalysisStatus;
  spec: AnalysisSpec;
  /** The dataset version's CSV, decoded as UTF-8. */
  panelCsv: string;
  /** Where a measurement kind's derived dataset version comes from (see derived-dataset.ts). */
  derivation?: DerivationSource;
}

/** A stored weights matrix, as core reads it. */
export interface StoredWeights {
  /** File name that picks core's parser (the extension fits the stored format). */
  name: string;
  text: string;
}

export interface UnfinishedAnalysis {
  id: string;
  status: 'queued' | 'running';
}

export interface AnalysisStore {
  /** The analysis and its dataset's bytes; null when no such analysis exists. */
  loadForRun(analysisId: string): Promise<AnalysisToRun | null>;
  /** The text of a stored weights matrix; null when no such matrix exists. */
  loadWeights(weightsId: string): Promise<StoredWeights | null>;
  /** queued/running/failed → running (attempts + 1); false when it is already succeeded or cancelled. */
  markRunning(analysisId: string, worker: string): Promise<boolean>;
  /** Stores progress while the analysis is running. */
  saveProgress(analysisId: string, progress: Progress): Promise<void>;
  /**
   * Writes the result in place (a re-run overwrites it), unless the analysis was cancelled meanwhile; with
   * `derived`, stores that dataset version in the same transaction, once per analysis.
   */
  markSucceeded(analysisId: string, result: AnalysisResult, derived?: DatasetVersionDraft): Promise<void>;
  /** Records a failure unless the analysis already succeeded or was cancelled. */
  markFailed(analysisId: string, error: SerializedError): Promise<void>;
  /** Records a failure only if the analysis is still queued or running (a failure already stored wins). */
  markFailedIfUnfinished(analysisId: string, error: SerializedError): Promise<boolean>;
  /** Running analyses, and queued ones created before `queuedBefore`: candidates for the re-queue sweeper. */
  findUnfinished(queuedBefore: Date): Promise<UnfinishedAnalysis[]>;
}
