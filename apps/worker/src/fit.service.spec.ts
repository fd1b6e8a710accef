import { type AnalysisResult, type AnalysisSpec, SpilloverError } from '@spillover/contracts';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import type { AnalysisRunner } from './analysis-runner.js';
import type { AnalysisStore, AnalysisToRun } from './analysis.store.js';
import { FitService } from './fit.service.js';
import { createLogger } from './logger.js';

const analysisId = '6f1c8a44-5e1c-4a8e-9a55-1b2f3c4d5e6f';
const spec = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap'],
  model: 'fe',
} as AnalysisSpec;
const result: AnalysisResult = {
  kind: 'regression',
  model: 'fe',
  nobs: 816,
  nunits: 48,
  nperiods: 17,
  coefficients: { lpcap: { estimate: -0.026 } },
};

const weightsId = '0b7e3c1a-2d4f-4e5a-8b6c-7d8e9f0a1b2c';
const sarSpec = {
  ...spec,
  model: 'sar',
  weights: { id: weightsId, style: 'row', allowIslands: false },
} as AnalysisSpec;

function setup(
  status: AnalysisToRun['status'] = 'queued',
  run: AnalysisRunner['run'] = async () => result,
  rowSpec: AnalysisSpec = spec,
) {
  const rows = new Map<string, { status: string; attempts: number; result?: unknown; error?: unknown }>([
    [analysisId, { status, attempts: 0 }],
  ]);
  const store: AnalysisStore = {
    loadForRun: vi.fn(async (id: string) => {
      const row = rows.get(id);
      return row
        ? { id, status: row.status as AnalysisToRun['status'], spec: rowSpec, panelCsv: 'state,year\n' }
        : null;
    }),
    loadWeights: vi.fn(async (id: string) =>
      id === weightsId ? { name: 'W.csv', text: 'id,a,b\na,0,1\nb,1,0\n' } : null,
    ),
    markRunning: vi.fn(async (id: string) => {
      const row = rows.get(id)!;
      if (row.status === 'succeeded' || row.status === 'cancelled') return false;
      Object.assign(row, { status: 'running', attempts: row.attempts + 1 });
      return true;
    }),
    saveProgress: vi.fn(async () => {}),
    markSucceeded: vi.fn(
      async (id: string, r: AnalysisResult) =>
        void Object.assign(rows.get(id)!, { status: 'succeeded', result: r, error: null }),
    ),
    markFailed: vi.fn(
      async (id: string, error) => void Object.assign(rows.get(id)!, { status: 'failed', error }),
    ),
    markFailedIfUnfinished: vi.fn(async () => true),
    findUnfinished: vi.fn(async () => []),
  };
  const runner: AnalysisRunner = { run: vi.fn(run), close: vi.fn(async () => {}) };
  const job = { updateProgress: vi.fn(async () => {}) };
  const service = new FitService(
    store,
    runner,
    createLogger('error', () => {}),
    'host:1',
  );
  return { rows, store, runner, job, service };
}

describe('FitService', () => {
  it('queued → running → succeeded, with the result written once', async () => {
    const { rows, store, job, service } = setup();
    await expect(service.fit(analysisId, job)).resolves.toBe('succeeded');
    expect(store.markRunning).toHaveBeenCalledWith(analysisId, 'host:1');
    expect(store.markSucceeded).toHaveBeenCalledTimes(1);
    expect(rows.get(analysisId)).toMatchObject({ status: 'succeeded', attempts: 1, result, error: null });
  });

  it('passes the spec and the dataset text to the runner', async () => {
    const { runner, job, service } = setup();
    await service.fit(analysisId, job);
    expect(runner.run).toHaveBeenCalledWith(
      { spec, inputs: { panelCsv: 'state,year\n' } },
      expect.any(Function),
      undefined, // no cancellation source in these tests
    );
  });

  it('passes the text and file name of stored weights named by the spec', async () => {
    const { runner, store, job, service } = setup('queued', async () => result, sarSpec);
    await service.fit(analysisId, job);
    expect(store.loadWeights).toHaveBeenCalledWith(weightsId);
    expect(runner.run).toHaveBeenCalledWith(
      {
        spec: sarSpec,
        inputs: { panelCsv: 'state,year\n', weightsText: 'id,a,b\na,0,1\nb,1,0\n', weightsName: 'W.csv' },
      },
      expect.any(Function),
      undefined, // no cancellation source in these tests
    );
  });

  it('weights that no longer exist fail the analysis without retries, naming the id', async () => {
    const missing = { ...sarSpec, weights: { id: '00000000-0000-4000-8000-000000000000' } } as AnalysisSpec;
    const { rows, runner, job, service } = setup('queued', async () => result, missing);
    await expect(service.fit(analysisId, job)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(runner.run).not.toHaveBeenCalled();
    expect(rows.get(analysisId)).toMatchObject({
      status: 'failed',
      error: {
        code: 'INVALID_SPEC',
        message: 'weights.id: weights matrix 00000000-0000-4000-8000-000000000000 does not exist',
        details: { field: 'weights.id' },
      },
    });
  });

  it('a re-run of a failed analysis overwrites the same row', async () => {
    const { rows, job, service } = setup('failed');
    await service.fit(analysisId, job);
    expect(rows.size).toBe(1);
    expect(rows.get(analysisId)).toMatchObject({ status: 'succeeded', result });
  });

  it.each(['succeeded', 'cancelled'] as const)('a job whose analysis is %s is a no-op', async (status) => {
    const { store, runner, job, service } = setup(status);
    await expect(service.fit(analysisId, job)).resolves.toBe('skipped');
    expect(store.markRunning).not.toHaveBeenCalled();
    expect(runner.run).not.toHaveBeenCalled();
    expect(store.markSucceeded).not.toHaveBeenCalled();
  });

  it('skips when the analysis finishes between loading and marking it running', async () => {
    const { store, runner, job, service } = setup();
    vi.mocked(store.markRunning).mockResolvedValueOnce(false);
    await expect(service.fit(analysisId, job)).resolves.toBe('skipped');
    expect(runner.run).not.toHaveBeenCalled();
  });

  it('a missing analysis fails without retries', async () => {
    const { job, service } = setup();
    await expect(service.fit('00000000-0000-4000-8000-000000000000', job)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });

  it('a deterministic error marks the row failed and throws UnrecoverableError', async () => {
    const error = new SpilloverError('UNKNOWN_COLUMN', 'x[0]: column "foo" is not in the panel', {
      field: 'x[0]',
      column: 'foo',
    });
    const { rows, job, service } = setup('queued', async () => {
      throw error;
    });
    const failure = service.fit(analysisId, job);
    await expect(failure).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(failure).rejects.toThrow('UNKNOWN_COLUMN: x[0]: column "foo" is not in the panel');
    expect(rows.get(analysisId)).toMatchObject({
      status: 'failed',
      error: {
        code: 'UNKNOWN_COLUMN',
        message: 'x[0]: column "foo" is not in the panel',
        details: { field: 'x[0]', column: 'foo' },
      },
    });
  });

  it('a transient error is rethrown as is for BullMQ to retry, leaving the row for the next attempt', async () => {
    const connectionLost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const { rows, store, job, service } = setup('queued', async () => {
      throw connectionLost;
    });
    await expect(service.fit(analysisId, job)).rejects.toBe(connectionLost);
    expect(store.markFailed).not.toHaveBeenCalled();
    expect(rows.get(analysisId)?.status).toBe('running');
  });

  it('a non-deterministic SpilloverError (e.g. INTERNAL) is retried', async () => {
    const internal = new SpilloverError('INTERNAL', 'out of memory');
    const { store, job, service } = setup('queued', async () => {
      throw internal;
    });
    await expect(service.fit(analysisId, job)).rejects.toBe(internal);
    expect(store.markFailed).not.toHaveBeenCalled();
  });

  it('a database failure while loading is transient', async () => {
    const { store, job, service } = setup();
    vi.mocked(store.loadForRun).mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    await expect(service.fit(analysisId, job)).rejects.not.toBeInstanceOf(UnrecoverableError);
  });

  it('relays progress to the job and the row, throttled, and finishes it before the final write', async () => {
    const calls: string[] = [];
    const { store, job, service } = setup('queued', async (_task, onProgress) => {
      for (let done = 1; done <= 1000; done++) onProgress({ stage: 'draws', done, total: 1000 });
      return result;
    });
    vi.mocked(store.saveProgress).mockImplementation(async (_id, p) => void calls.push(`progress ${p.done}`));
    vi.mocked(store.markSucceeded).mockImplementation(async () => void calls.push('succeeded'));
    await service.fit(analysisId, job);
    expect(calls).toEqual(['progress 1', 'progress 1000', 'succeeded']);
    expect(job.updateProgress).toHaveBeenCalledTimes(2);
    expect(job.updateProgress).toHaveBeenLastCalledWith({ stage: 'draws', done: 1000, total: 1000 });
  });

  it('a failing progress relay does not fail the job', async () => {
    const { job, service } = setup('queued', async (_task, onProgress) => {
      onProgress({ stage: 'fit', done: 0, total: 1 });
      return result;
    });
    job.updateProgress.mockRejectedValue(new Error('Connection is closed'));
    await expect(service.fit(analysisId, job)).resolves.toBe('succeeded');
  });
});
