import { isDeterministicError, type Progress, serializeError, SpilloverError } from '@spillover/contracts';
import { UnrecoverableError } from 'bullmq';
import { AnalysisCancelledError, type AnalysisRunner } from './analysis-runner.js';
import type { AnalysisTask } from './analysis-thread-protocol.js';
import type { AnalysisStore, AnalysisToRun } from './analysis.store.js';
import type { CancellationSource } from './cancellation/cancellation-watch.js';
import { prepareDerivedDataset } from './derived-dataset.js';
import { errorMessage, type Logger } from './logger.js';
import { ProgressThrottle } from './progress-throttle.js';

/** What FitService needs from the BullMQ job running it. */
export interface FitJob {
  updateProgress(progress: Progress): Promise<void>;
}

export type FitOutcome = 'succeeded' | 'skipped' | 'cancelled';

/** About five progress updates a second reach Redis and the table. */
export const progressIntervalMs = 200;

/**
 * Runs one analysis: load it with its dataset, mark it running, estimate off the event loop, write the
 * result in place. The analyses row is the system of record, so re-deliveries and duplicates only ever
 * overwrite it.
 *
 * Failures: a deterministic SpilloverError (bad spec or data) marks the row failed and throws
 * UnrecoverableError so BullMQ does not retry; anything else (PostgreSQL or Redis down, a crashed thread)
 * is rethrown for BullMQ to retry with backoff; the final failure is recorded by JobFailureRecorder.
 */
export class FitService {
  constructor(
    private readonly store: AnalysisStore,
    private readonly runner: AnalysisRunner,
    private readonly log: Logger,
    private readonly workerName: string,
    /** Stops the thread of an analysis cancelled while it runs. */
    private readonly cancellation?: CancellationSource,
  ) {}

  async fit(analysisId: string, job: FitJob): Promise<FitOutcome> {
    const analysis = await this.store.loadForRun(analysisId);
    if (!analysis) throw new UnrecoverableError(`NOT_FOUND: analysis ${analysisId} does not exist`);
    if (analysis.status === 'succeeded' || analysis.status === 'cancelled') {
      this.log.info('analysis already finished; job skipped', { analysisId, status: analysis.status });
      return 'skipped';
    }
    if (!(await this.store.markRunning(analysisId, this.workerName))) {
      this.log.info('analysis finished meanwhile; job skipped', { analysisId });
      return 'skipped';
    }

    const progress = new ProgressThrottle<Progress>(
      (p) => this.relayProgress(analysisId, job, p),
      progressIntervalMs,
    );
    const cancellation = this.cancellation?.watch(analysisId);
    try {
      const result = await this.runner.run(
        await this.taskOf(analysis),
        (p) => progress.push(p),
        cancellation?.signal,
      );
      // Progress writes are guarded by status = 'running'; finish them before the final write.
      await progress.flush();
      // measurement kinds: the panel with the new columns becomes a dataset version, stored with the result
      const derived = analysis.derivation
        ? prepareDerivedDataset(analysis.spec, result, analysis.panelCsv, analysis.derivation)
        : undefined;
      await this.store.markSucceeded(analysisId, result, derived);
      return 'succeeded';
    } catch (error) {
      await progress.flush();
      if (error instanceof AnalysisCancelledError) {
        this.log.info('analysis cancelled while running; thread stopped', { analysisId });
        return 'cancelled';
      }
      const serialized = serializeError(error);
      if (!isDeterministicError(serialized.code)) throw error;
      await this.store.markFailed(analysisId, serialized);
      this.log.info('analysis failed on its input; not retried', { analysisId, code: serialized.code });
      throw new UnrecoverableError(`${serialized.code}: ${serialized.message}`);
    } finally {
      cancellation?.stop();
    }
  }

  /**
   * The spec with its inputs: the panel and, when the spec names stored weights, their text. Weights that
   * no longer exist fail the analysis (INVALID_SPEC naming weights.id); a failed read is retried.
   */
  private async taskOf(analysis: AnalysisToRun): Promise<AnalysisTask> {
    const { spec, panelCsv } = analysis;
    // regression and Moran's I, and the spatial mediation/heterogeneity models, may name stored weights
    const weightsId =
      spec.kind === 'regression' ||
      spec.kind === 'moran' ||
      spec.kind === 'mediation' ||
      spec.kind === 'heterogeneity'
        ? spec.weights?.id
        : undefined;
    if (weightsId === undefined) return { spec, inputs: { panelCsv } };
    const weights = await this.store.loadWeights(weightsId);
    if (!weights) {
      throw new SpilloverError('INVALID_SPEC', `weights.id: weights matrix ${weightsId} does not exist`, {
        field: 'weights.id',
        weightsId,
      });
    }
    return { spec, inputs: { panelCsv, weightsText: weights.text, weightsName: weights.name } };
  }

  /** Progress is informative: a failed relay is logged, never fails the job. */
  private async relayProgress(analysisId: string, job: FitJob, progress: Progress): Promise<void> {
    const outcomes = await Promise.allSettled([
      job.updateProgress(progress),
      this.store.saveProgress(analysisId, progress),
    ]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        this.log.warn('progress not relayed', { analysisId, error: errorMessage(outcome.reason) });
      }
    }
  }
}
