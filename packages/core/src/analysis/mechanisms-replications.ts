/**
 * Resampling analyses split into replications: mediation (cluster bootstrap), threshold (Hansen's
 * bootstrap of the F tests) and heterogeneity (permutation test). Replication r always draws from
 * createRng(seed, r), so a job can run `runReplications(spec, panel, from, to)` for chunks of
 * replications on different workers and `combineReplications(spec, panel, chunks)` gives the same
 * Result JSON, bit for bit, for any chunking.
 */
import {
  SpilloverError,
  type AnalysisResult,
  type HeterogeneitySpec,
  type MediationSpec,
  type ThresholdSpec,
} from '@spillover/contracts';
import type { Panel } from '../data/panel.js';
import type { ReplicationValues } from '../mechanisms/mediation-bootstrap.js';
import { heterogeneityProcedure } from './mechanisms-heterogeneity.js';
import { mediationProcedure } from './mechanisms-mediation.js';
import { thresholdProcedure } from './mechanisms-threshold.js';
import type { AnalysisInputs, RunHooks } from './run-analysis.js';

export type MechanismSpec = MediationSpec | ThresholdSpec | HeterogeneitySpec;

/** One analysis as estimation + replications + summary. */
export interface MechanismProcedure<Prepared, Result> {
  /** Sample, point estimates and whatever the replications need. */
  prepare(panel: Panel): Prepared;
  replications(prepared: Prepared): { reps: number; seed: number };
  /** Names of the statistics each replication records. */
  statistics(prepared: Prepared): string[];
  replicate(prepared: Prepared, from: number, to: number): ReplicationValues;
  /** The Result JSON from all replications (reps × statistics, row-major, NaN when failed). */
  finish(prepared: Prepared, values: Float64Array, failed: number): Result;
}

/** Replications from ≤ r < to of one analysis: JSON-safe (failed values are null). */
export interface ReplicationChunk {
  kind: MechanismSpec['kind'];
  from: number;
  to: number;
  statistics: string[];
  /** (to − from) × statistics.length, row-major; null where a replication failed. */
  values: (number | null)[];
  /** Replications that could not be estimated. */
  failed: number;
}

/** The weights of a spatial mechanism spec (model `sdm` / `sar`); the panel comes separately. */
export type MechanismInputs = Partial<Pick<AnalysisInputs, 'weightsText' | 'weightsName'>>;

function procedureFor(
  spec: MechanismSpec,
  inputs: MechanismInputs,
): MechanismProcedure<unknown, AnalysisResult> {
  switch (spec.kind) {
    case 'mediation':
      return mediationProcedure(spec, inputs) as MechanismProcedure<unknown, AnalysisResult>;
    case 'threshold':
      return thresholdProcedure(spec) as MechanismProcedure<unknown, AnalysisResult>;
    case 'heterogeneity':
      return heterogeneityProcedure(spec, inputs) as MechanismProcedure<unknown, AnalysisResult>;
  }
}

function checkRange(from: number, to: number, reps: number): void {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > reps) {
    throw new SpilloverError('INVALID_SPEC', `replications ${from}..${to} are outside 0..${reps}`, {
      from,
      to,
      reps,
    });
  }
}

/** An analysis with its point estimates done once: any number of replication ranges, then the result. */
export interface ReplicationSession {
  reps: number;
  /** Names of the statistics each replication records. */
  statistics: string[];
  /** Replications from ≤ r < to (pure: ranges may be run in any order, any number of times). */
  run(from: number, to: number): ReplicationChunk;
  /** The Result JSON from chunks covering 0..reps once; call it once per session. */
  combine(chunks: ReplicationChunk[]): AnalysisResult;
}

/**
 * Prepares a mediation, threshold or heterogeneity spec on a parsed panel for split replications;
 * `inputs` carries the weights file of spatial specs.
 */
export function prepareReplications(
  spec: MechanismSpec,
  panel: Panel,
  inputs: MechanismInputs = {},
): ReplicationSession {
  const procedure = procedureFor(spec, inputs);
  const prepared = procedure.prepare(panel);
  const { reps } = procedure.replications(prepared);
  const statistics = procedure.statistics(prepared);
  return {
    reps,
    statistics,
    run(from, to) {
      checkRange(from, to, reps);
      const { values, failed } =
        to > from ? procedure.replicate(prepared, from, to) : { values: new Float64Array(0), failed: 0 };
      return {
        kind: spec.kind,
        from,
        to,
        statistics,
        values: Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
        failed,
      };
    },
    combine(chunks) {
      const { values, failed } = concatenate(chunks, reps, statistics.length);
      return procedure.finish(prepared, values, failed);
    },
  };
}

/** Replications from ≤ r < to of a mediation, threshold or heterogeneity spec on a parsed panel. */
export function runReplications(
  spec: MechanismSpec,
  panel: Panel,
  from: number,
  to: number,
  inputs: MechanismInputs = {},
): ReplicationChunk {
  return prepareReplications(spec, panel, inputs).run(from, to);
}

/** Concatenates chunks that cover 0..reps exactly once, in replication order. */
function concatenate(
  chunks: ReplicationChunk[],
  reps: number,
  width: number,
): { values: Float64Array; failed: number } {
  const sorted = [...chunks].sort((a, b) => a.from - b.from);
  const values = new Float64Array(reps * width);
  let next = 0;
  let failed = 0;
  for (const chunk of sorted) {
    if (chunk.from !== next || chunk.values.length !== (chunk.to - chunk.from) * width) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `replication chunks must cover 0..${reps} once: chunk ${chunk.from}..${chunk.to} does not follow ${next}`,
        {
          from: chunk.from,
          to: chunk.to,
        },
      );
    }
    chunk.values.forEach((v, i) => (values[chunk.from * width + i] = v === null ? NaN : v));
    failed += chunk.failed;
    next = chunk.to;
  }
  if (next !== reps) {
    throw new SpilloverError('INVALID_SPEC', `replication chunks end at ${next}, not at ${reps}`, { reps });
  }
  return { values, failed };
}

/** The Result JSON of a spec from its replication chunks (any split of 0..reps). */
export function combineReplications(
  spec: MechanismSpec,
  panel: Panel,
  chunks: ReplicationChunk[],
  inputs: MechanismInputs = {},
): AnalysisResult {
  return prepareReplications(spec, panel, inputs).combine(chunks);
}

/** Runs a mechanism analysis in one process, reporting progress every chunk of replications. */
export function runMechanismAnalysis(
  spec: MechanismSpec,
  panel: Panel,
  hooks: RunHooks = {},
  inputs: MechanismInputs = {},
): AnalysisResult {
  const procedure = procedureFor(spec, inputs);
  const stage = spec.kind === 'heterogeneity' ? 'permutation' : 'bootstrap';
  hooks.onProgress?.({ stage: 'estimation', done: 0, total: 1 });
  const prepared = procedure.prepare(panel);
  hooks.onProgress?.({ stage: 'estimation', done: 1, total: 1 });
  const { reps } = procedure.replications(prepared);
  const width = procedure.statistics(prepared).length;
  const values = new Float64Array(reps * width);
  let failed = 0;
  const step = Math.max(1, Math.ceil(reps / 50));
  for (let from = 0; from < reps; from += step) {
    const to = Math.min(reps, from + step);
    const chunk = procedure.replicate(prepared, from, to);
    values.set(chunk.values, from * width);
    failed += chunk.failed;
    hooks.onProgress?.({ stage, done: to, total: reps });
  }
  return procedure.finish(prepared, values, failed);
}
