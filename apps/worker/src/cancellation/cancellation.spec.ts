import { analysisCancelKey, type AnalysisSpec } from '@spillover/contracts';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisCancelledError, ThreadPoolRunner } from '../analysis-runner.js';
import { createLogger } from '../logger.js';
import { RedisCancellationSource } from './cancellation-watch.js';

const standIn = join(__dirname, '../../test/fixtures/stand-in-analysis.thread.mjs');
const busyTask = (busyMs: number) => ({
  spec: {
    kind: 'regression',
    unit: 'u',
    time: 't',
    y: 'y',
    x: ['x'],
    model: 'fe',
    busyMs,
  } as unknown as AnalysisSpec,
  inputs: { panelCsv: 'u,t,y,x\n' },
});
const log = createLogger('error', () => {});

describe('cancelling a running task', () => {
  let runner: ThreadPoolRunner;
  afterEach(() => runner.close());

  it('terminates the thread at once and rejects with AnalysisCancelledError; the pool goes on', async () => {
    runner = new ThreadPoolRunner(1, standIn);
    const controller = new AbortController();
    const started = Date.now();
    const running = runner.run(busyTask(10_000), () => {}, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toBeInstanceOf(AnalysisCancelledError);
    expect(Date.now() - started).toBeLessThan(3000);
    // a fresh thread takes the next task
    await expect(runner.run(busyTask(0), () => {})).resolves.toMatchObject({ kind: 'regression' });
  });

  it('an already aborted signal never starts the task', async () => {
    runner = new ThreadPoolRunner(1, standIn);
    await expect(runner.run(busyTask(0), () => {}, AbortSignal.abort())).rejects.toBeInstanceOf(
      AnalysisCancelledError,
    );
  });
});

describe('RedisCancellationSource', () => {
  it('aborts the watch once the cancel key exists, and stops polling on stop()', async () => {
    const keys = new Set<string>();
    let reads = 0;
    const redis = { exists: async (key: string) => (reads++, keys.has(key) ? 1 : 0) };
    const source = new RedisCancellationSource(redis, 'pfx', log, 10);
    const watch = source.watch('a1');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(watch.signal.aborted).toBe(false);
    keys.add(analysisCancelKey('pfx', 'a1'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(watch.signal.aborted).toBe(true);
    watch.stop();
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(reads).toBe(after);
  });

  it('a failed read counts as not cancelled', async () => {
    const source = new RedisCancellationSource(
      { exists: async () => Promise.reject(new Error('down')) },
      'p',
      log,
    );
    await expect(source.isCancelled('a1')).resolves.toBe(false);
  });
});
