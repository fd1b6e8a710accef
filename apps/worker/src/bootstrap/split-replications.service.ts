import {
  type AggregateBootstrapPayload,
  type AnalysisSpec,
  type BootstrapChunkPayload,
  isDeterministicError,
  type Progress,
  replicationRanges,
  serializeError,
  SpilloverError,
  splitReplicationsOf,
} from '@spillover/contracts';
import type { MechanismInputs, MechanismSpec } from '@spillover/core';
import { UnrecoverableError } from 'bullmq';
import { AnalysisCancelledError } from '../analysis-runner.js';
import type { AnalysisStore } from '../analysis.store.js';
import type { CancellationSource } from '../cancellation/cancellation-watch.js';
import { errorMessage, type Logger } from '../logger.js';
import { ProgressThrottle } from '../progress-throttle.js';
import type { ReplicationProgressTracker } from './replication-progress.js';
import type { ReplicationRunner } from './replication-runner.js';
import type { ReplicationStore } from './replication.store.js';
import { RunInputCache, type RunInput } from './run-input.cache.js';

/** What the services need from the BullMQ job running them. */
export interface ChunkJob {
  /** Sends progress to the AggregateBootstrap parent (the job the API's event relay follows). */
  updateParentProgress(progress: Progress): Promise<void>;
}
export interface AggregateJob {
  updateProgress(progress: Progress): Promise<void>;
}

export type ChunkOutcome = { from: number; to: number; failed: number } | 'skipped' | 'cancelled';
export type AggregateOutcome = 'succeeded' | 'skipped' | 'cancelled';

const progressIntervalMs = 200;

function mechanismSpecOf(analysisId: string, spec: AnalysisSpec): MechanismSpec {
  if (spec.kind === 'mediation' || spec.kind === 'threshold' || spec.kind === 'heterogeneity') return spec;
  throw new UnrecoverableError(
    `INVALID_SPEC: analysis ${analysisId} of kind ${spec.kind} has no replications`,
  );
}

/**
 * Resampling analyses split across workers (a BullMQ flow): BootstrapChunk jobs run replications
 * from..to and store them by (analysis, from, to); the AggregateBootstrap parent, once every chunk is
 * done, computes the point estimates, combines the stored chunks and writes the result once. Replication
 * r draws from createRng(seed, r), so the result does not depend on the chunking or on which worker ran
 * what.
 *
 * Failures follow FitService: a deterministic error marks the analysis failed and is not retried (the
 * failed chunk fails its parent); anything else is retried by BullMQ. A cancelled analysis stops its
 * threads and its jobs end without writing.
 */
export class SplitReplicationService {
  constructor(
    private readonly analyses: AnalysisStore,
    private readonly replications: ReplicationStore,
    private readonly runner: ReplicationRunner,
    private readonly progress: ReplicationProgressTracker,
    private readonly cancellation: CancellationSource,
    private readonly log: Logger,
    private readonly workerName: string,
    private readonly inputCache = new RunInputCache(),
  ) {}

  async runChunk({ analysisId, from, to }: BootstrapChunkPayload, job: ChunkJob): Promise<ChunkOutcome> {
    // the analysis loads (or comes from the cache) while its status changes
    const [analysis, running] = await Promise.all([
      this.analysisOf(analysisId),
      this.replications.startRun(analysisId, this.workerName),
    ]);
    const { spec, datasetId, panelCsv } = analysis;
    if (!running) {
      this.log.info('analysis not running; chunk skipped', { analysisId, from, to });
      return 'skipped';
    }
    const total = splitReplicationsOf(spec);
    const relay = new ProgressThrottle<number>(
      (done) => this.relayProgress(analysisId, from, to, done, total, job),
      progressIntervalMs,
    );
    const watch = this.cancellation.watch(analysisId);
    try {
      const inputs = await this.inputsOf(spec);
      const chunk = await this.runner.runChunk(
        { type: 'chunk', analysisId, spec, datasetId, panelCsv, inputs, from, to },
        (p) => relay.push(p.done),
        watch.signal,
      );
      // the chunk's last count and its stored values go out together
      relay.push(to - from);
      await Promise.all([relay.flush(), this.replications.saveChunk(analysisId, chunk, this.workerName)]);
      if (chunk.failed > 0) {
        this.log.info('replications failed in chunk', { analysisId, from, to, failed: chunk.failed });
      }
      return { from, to, failed: chunk.failed };
    } catch (error) {
      await relay.flush();
      return this.handleFailure(analysisId, error);
    } finally {
      watch.stop();
    }
  }

  async aggregate(
    { analysisId, chunkSize }: AggregateBootstrapPayload,
    job: AggregateJob,
  ): Promise<AggregateOutcome> {
    const { spec, datasetId, panelCsv } = await this.analysisOf(analysisId);
    const ranges = replicationRanges(splitReplicationsOf(spec), chunkSize);
    const [status, chunks] = await Promise.all([
      this.replications.statusOf(analysisId),
      this.replications.loadChunks(analysisId, spec.kind, ranges),
    ]);
    if (status !== 'running' && status !== 'queued') {
      this.log.info('analysis already finished; aggregation skipped', { analysisId, status });
      return status === 'cancelled' ? 'cancelled' : 'skipped';
    }
    if (chunks.length !== ranges.length) {
      // a chunk that skipped or was lost: retried, and recorded as failed after the last attempt
      throw new Error(
        `analysis ${analysisId}: ${ranges.length - chunks.length} of ${ranges.length} replication chunks are missing`,
      );
    }
    const total = ranges[ranges.length - 1]![1];
    const combining = this.relay(analysisId, job, {
      stage: 'combining',
      done: total,
      total,
      message: 'combining replications',
    });
    const watch = this.cancellation.watch(analysisId);
    try {
      const inputs = await this.inputsOf(spec);
      const [result] = await Promise.all([
        this.runner.combine(
          { type: 'combine', analysisId, spec, datasetId, panelCsv, inputs, chunks },
          watch.signal,
        ),
        combining,
      ]);
      await this.analyses.markSucceeded(analysisId, result);
      await this.progress.clear(analysisId).catch(() => undefined);
      return 'succeeded';
    } catch (error) {
      return this.handleFailure(analysisId, error);
    } finally {
      watch.stop();
    }
  }

  /** The spec and dataset of a resampling analysis, loaded once per process (see RunInputCache). */
  private analysisOf(analysisId: string): Promise<RunInput> {
    return this.inputCache.get(analysisId, {
      spec: async () => {
        const row = await this.replications.loadRunSpec(analysisId);
        if (!row) throw new UnrecoverableError(`NOT_FOUND: analysis ${analysisId} does not exist`);
        return { spec: mechanismSpecOf(analysisId, row.spec), datasetId: row.datasetId };
      },
      datasetCsv: async (datasetId) => {
        const csv = await this.replications.loadDatasetCsv(datasetId);
        if (csv === null) throw new UnrecoverableError(`NOT_FOUND: dataset ${datasetId} does not exist`);
        return csv;
      },
    });
  }

  /** The text of stored weights a spatial mechanism model names; INVALID_SPEC when they no longer exist. */
  private async inputsOf(spec: MechanismSpec): Promise<MechanismInputs> {
    const weightsId = spec.kind === 'threshold' ? undefined : spec.weights?.id;
    if (weightsId === undefined) return {};
    const weights = await this.analyses.loadWeights(weightsId);
    if (!weights) {
      throw new SpilloverError('INVALID_SPEC', `weights.id: weights matrix ${weightsId} does not exist`, {
        field: 'weights.id',
        weightsId,
      });
    }
    return { weightsText: weights.text, weightsName: weights.name };
  }

  private async handleFailure(analysisId: string, error: unknown): Promise<'cancelled'> {
    if (error instanceof AnalysisCancelledError) {
      this.log.info('analysis cancelled while running; thread stopped', { analysisId });
      return 'cancelled';
    }
    const serialized = serializeError(error);
    if (!isDeterministicError(serialized.code)) throw error;
    await this.analyses.markFailed(analysisId, serialized);
    this.log.info('analysis failed on its input; not retried', { analysisId, code: serialized.code });
    throw new UnrecoverableError(`${serialized.code}: ${serialized.message}`);
  }

  private async relayProgress(
    analysisId: string,
    from: number,
    to: number,
    done: number,
    total: number,
    job: ChunkJob,
  ): Promise<void> {
    let progress: Progress;
    try {
      progress = await this.progress.record(analysisId, from, to, done, total);
    } catch (error) {
      this.log.warn('progress not recorded', { analysisId, error: errorMessage(error) });
      return;
    }
    await this.relay(analysisId, { updateProgress: (p) => job.updateParentProgress(p) }, progress);
  }

  /** Progress is informative: a failed relay is logged, never fails the job. */
  private async relay(analysisId: string, job: AggregateJob, progress: Progress): Promise<void> {
    const outcomes = await Promise.allSettled([
      job.updateProgress(progress),
      this.analyses.saveProgress(analysisId, progress),
    ]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        this.log.warn('progress not relayed', { analysisId, error: errorMessage(outcome.reason) });
      }
    }
  }
}
