import { JobName } from '@spillover/contracts';
import type { Job } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { assertHandlersComplete, dispatchJob, type JobHandlers } from './job-handlers.js';

describe('job handlers', () => {
  it('start-up fails unless every job name has exactly one handler', () => {
    const all = Object.fromEntries(Object.values(JobName).map((name) => [name, async () => {}]));
    expect(() => assertHandlersComplete({})).toThrow(
      'missing [FitAnalysis, BootstrapChunk, AggregateBootstrap, StudyPrepare, StudyReport]',
    );
    expect(() => assertHandlersComplete({ ...all, Extra: async () => {} })).toThrow('unknown [Extra]');
    expect(() => assertHandlersComplete(all)).not.toThrow();
  });

  it('dispatches on the job name and refuses unknown names', async () => {
    const fit = vi.fn(async () => 'succeeded');
    const other = vi.fn(async () => 'other');
    const processor = dispatchJob({
      [JobName.FitAnalysis]: fit,
      [JobName.BootstrapChunk]: other,
      [JobName.AggregateBootstrap]: other,
      [JobName.StudyPrepare]: other,
      [JobName.StudyReport]: other,
    } as JobHandlers);
    await expect(processor({ name: 'FitAnalysis', data: {} } as Job)).resolves.toBe('succeeded');
    await expect(processor({ name: 'toString', data: {} } as Job)).rejects.toThrow(
      'no handler for job toString',
    );
  });
});
