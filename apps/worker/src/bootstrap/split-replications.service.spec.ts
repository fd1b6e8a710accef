import {
  type AnalysisResult,
  type AnalysisSpec,
  type AnalysisStatus,
  SpilloverError,
} from '@spillover/contracts';
import type { ReplicationChunk } from '@spillover/core';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { AnalysisCancelledError } from '../analysis-runner.js';
import type { AnalysisStore } from '../analysis.store.js';
import type { CancellationSource } from '../cancellation/cancellation-watch.js';
import { createLogger } from '../logger.js';
import type { ReplicationProgressTracker } from './replication-progress.js';
import type { ReplicationRunner } from './replication-runner.js';
import type { ReplicationStore } from './replication.store.js';
import { SplitReplicationService } from './split-replications.service.js';

const analysisId = '6f1c8a44-5e1c-4a8e-9a55-1b2f3c4d5e6f';
const spec = {
  kind: 'mediation',
  unit: 'unit',
  time: 'time',
  y: 'y',
  treatment: 'd',
  mediators: ['m'],
  x: [],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  bootstrap: { reps: 200, seed: 7 },
} as AnalysisSpec;
const chunkOf = (from: number, to: number, failed = 0): ReplicationChunk => ({
  kind: 'mediation',
  from,
  to,
  statistics: ['indirect:m'],
  values: Array.from({ length: to - from }, (_, i) => (i < failed ? null : i)),
  failed,
});
const result = { kind: 'mediation' } as AnalysisResult;
const weightsId = '0b7e3c1a-2d4f-4e5a-8b6c-7d8e9f0a1b2c';

function setup(
  status = 'queued',
  options: {
    runChunk?: ReplicationRunner['runChunk'];
    stored?: ReplicationChunk[];
    spec?: AnalysisSpec;
  } = {},
) {
  const row = { status };
  const analyses = {
    loadWeights: vi.fn(async (id: string) =>
      id === weightsId ? { name: 'W.csv', text: 'id,a\na,0\n' } : null,
    ),
    saveProgress: vi.fn(async () => {}),
    markSucceeded: vi.fn(async () => void (row.status = 'succeeded')),
    markFailed: vi.fn(async () => void (row.status = 'failed')),
  } as unknown as AnalysisStore;
  const saved: ReplicationChunk[] = [];
  const replications: ReplicationStore = {
    startRun: vi.fn(async () => {
      if (row.status === 'queued') row.status = 'running';
      return row.status === 'running';
    }),
    statusOf: vi.fn(async () => row.status as AnalysisStatus),
    loadRunSpec: vi.fn(async () => ({ spec: options.spec ?? spec, datasetId: 'dataset-1' })),
    loadDatasetCsv: vi.fn(async () => 'csv'),
    saveChunk: vi.fn(async (_id: string, chunk: ReplicationChunk) => void saved.push(chunk)),
    loadChunks: vi.fn(async () => options.stored ?? saved),
  };
  const runner = {
    runChunk: vi.fn(
      options.runChunk ??
        (async (
          task: { from: number; to: number },
          onProgress: (p: { stage: string; done: number; total: number }) => void,
        ) => {
          onProgress({ stage: 'replications', done: 10, total: task.to - task.from });
          return chunkOf(task.from, task.to, 2);
        }),
    ),
    combine: vi.fn(async () => result),
  } as unknown as ReplicationRunner;
  const progress = {
    record: vi.fn(async (_id: string, _from: number, _to: number, done: number, total: number) => ({
      stage: 'replications',
      done,
      total,
    })),
    clear: vi.fn(async () => {}),
  } as unknown as ReplicationProgressTracker;
  const cancellation: CancellationSource = {
    watch: () => ({ signal: new AbortController().signal, stop: () => {} }),
  };
  const service = new SplitReplicationService(
    analyses,
    replications,
    runner,
    progress,
    cancellation,
    createLogger('error', () => {}),
    'w1',
  );
  const parent = { updateParentProgress: vi.fn(async () => {}) };
  return { row, analyses, replications, runner, progress, service, saved, parent };
}

describe('SplitReplicationService', () => {
  it('a chunk starts the analysis, stores its replications (failed ones counted) and reports to the parent', async () => {
    const { row, service, saved, parent } = setup();
    await expect(service.runChunk({ analysisId, from: 100, to: 200 }, parent)).resolves.toEqual({
      from: 100,
      to: 200,
      failed: 2,
    });
    expect(row.status).toBe('running');
    expect(saved).toEqual([chunkOf(100, 200, 2)]);
    expect(parent.updateParentProgress).toHaveBeenLastCalledWith({
      stage: 'replications',
      done: 100,
      total: 200,
    });
  });

  it('a chunk of a cancelled (or finished) analysis is skipped without running', async () => {
    const { service, runner, saved, parent } = setup('cancelled');
    await expect(service.runChunk({ analysisId, from: 0, to: 100 }, parent)).resolves.toBe('skipped');
    expect(runner.runChunk).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });

  it('a chunk stopped by a cancel stores nothing and ends normally', async () => {
    const { service, saved, parent } = setup('running', {
      runChunk: async () => Promise.reject(new AnalysisCancelledError('analysis cancelled')),
    });
    await expect(service.runChunk({ analysisId, from: 0, to: 100 }, parent)).resolves.toBe('cancelled');
    expect(saved).toEqual([]);
  });

  it('a deterministic error fails the analysis without retries; anything else is retried', async () => {
    const bad = setup('queued', {
      runChunk: async () =>
        Promise.reject(new SpilloverError('SINGULAR_DESIGN', 'x is constant', { field: 'x' })),
    });
    await expect(bad.service.runChunk({ analysisId, from: 0, to: 100 }, bad.parent)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    expect(bad.analyses.markFailed).toHaveBeenCalledWith(
      analysisId,
      expect.objectContaining({ code: 'SINGULAR_DESIGN' }),
    );

    const flaky = setup('queued', { runChunk: async () => Promise.reject(new Error('thread crashed')) });
    await expect(flaky.service.runChunk({ analysisId, from: 0, to: 100 }, flaky.parent)).rejects.toThrow(
      'thread crashed',
    );
    expect(flaky.analyses.markFailed).not.toHaveBeenCalled();
  });

  it('the parent combines the stored chunks of its ranges and writes the result once', async () => {
    const stored = [chunkOf(0, 100), chunkOf(100, 200)];
    const { service, runner, analyses, progress } = setup('running', { stored });
    await expect(
      service.aggregate({ analysisId, reps: 200, chunkSize: 100 }, { updateProgress: async () => {} }),
    ).resolves.toBe('succeeded');
    expect(runner.combine).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'combine', chunks: stored }),
      expect.anything(),
    );
    expect(analyses.markSucceeded).toHaveBeenCalledTimes(1);
    expect(progress.clear).toHaveBeenCalledWith(analysisId);
  });

  it('the parent refuses to combine when a chunk is missing, and skips a cancelled analysis', async () => {
    const missing = setup('running', { stored: [chunkOf(0, 100)] });
    await expect(
      missing.service.aggregate(
        { analysisId, reps: 200, chunkSize: 100 },
        { updateProgress: async () => {} },
      ),
    ).rejects.toThrow('1 of 2 replication chunks are missing');
    const cancelled = setup('cancelled');
    await expect(
      cancelled.service.aggregate(
        { analysisId, reps: 200, chunkSize: 100 },
        { updateProgress: async () => {} },
      ),
    ).resolves.toBe('cancelled');
    expect(cancelled.runner.combine).not.toHaveBeenCalled();
  });

  it('a spatial mechanism model gets the text of its stored weights; missing weights fail it for good', async () => {
    const spatial = {
      ...spec,
      model: 'sdm',
      weights: { id: weightsId, style: 'row', allowIslands: false },
    } as AnalysisSpec;
    const ok = setup('queued', { spec: spatial });
    await ok.service.runChunk({ analysisId, from: 0, to: 100 }, ok.parent);
    expect(ok.runner.runChunk).toHaveBeenCalledWith(
      expect.objectContaining({ inputs: { weightsText: 'id,a\na,0\n', weightsName: 'W.csv' } }),
      expect.any(Function),
      expect.anything(),
    );
    const gone = {
      ...spatial,
      weights: { id: '00000000-0000-4000-8000-000000000000', style: 'row', allowIslands: false },
    } as AnalysisSpec;
    const bad = setup('queued', { spec: gone });
    await expect(bad.service.runChunk({ analysisId, from: 0, to: 100 }, bad.parent)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    expect(bad.analyses.markFailed).toHaveBeenCalledWith(
      analysisId,
      expect.objectContaining({ code: 'INVALID_SPEC' }),
    );
  });
});
