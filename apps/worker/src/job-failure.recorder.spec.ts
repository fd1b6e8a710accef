import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import type { AnalysisStore } from './analysis.store.js';
import { failureOf, isFinalFailure, JobFailureRecorder } from './job-failure.recorder.js';
import { createLogger } from './logger.js';

const analysisId = '6f1c8a44-5e1c-4a8e-9a55-1b2f3c4d5e6f';
const jobWith = (attemptsMade: number, attempts = 3) =>
  ({ data: { analysisId }, attemptsMade, opts: { attempts } }) as unknown as Job;

describe('JobFailureRecorder', () => {
  const store = { markFailedIfUnfinished: vi.fn(async () => true) } as unknown as AnalysisStore;
  const recorder = new JobFailureRecorder(
    store,
    createLogger('error', () => {}),
  );

  it('leaves the row alone while BullMQ still retries', async () => {
    await recorder.record(jobWith(1), new Error('ECONNREFUSED'));
    expect(store.markFailedIfUnfinished).not.toHaveBeenCalled();
  });

  it('records the reason after the last attempt', async () => {
    await recorder.record(jobWith(3), new Error('Connection terminated'));
    expect(store.markFailedIfUnfinished).toHaveBeenCalledWith(analysisId, {
      code: 'INTERNAL',
      message: 'Connection terminated',
    });
  });

  it('records WORKER_LOST when stalled jobs exceed the limit', async () => {
    await recorder.record(jobWith(0), new UnrecoverableError('job stalled more than allowable limit'));
    expect(store.markFailedIfUnfinished).toHaveBeenLastCalledWith(
      analysisId,
      expect.objectContaining({ code: 'WORKER_LOST' }),
    );
  });

  it('survives a database that is down', async () => {
    vi.mocked(store.markFailedIfUnfinished).mockRejectedValueOnce(new Error('ECONNREFUSED'));
    await expect(recorder.record(jobWith(3), new Error('x'))).resolves.toBeUndefined();
  });
});

describe('isFinalFailure / failureOf', () => {
  it('UnrecoverableError is final at any attempt', () => {
    expect(isFinalFailure(jobWith(1), new UnrecoverableError('UNKNOWN_COLUMN: ...'))).toBe(true);
    expect(isFinalFailure(jobWith(2), new Error('x'))).toBe(false);
    expect(isFinalFailure(jobWith(3), new Error('x'))).toBe(true);
  });

  it('maps BullMQ stall failures to WORKER_LOST and anything else to INTERNAL', () => {
    expect(failureOf('job stalled more than allowable limit').code).toBe('WORKER_LOST');
    expect(failureOf('boom')).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});
