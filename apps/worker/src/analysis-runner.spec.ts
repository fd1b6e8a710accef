import { type AnalysisSpec, SpilloverError } from '@spillover/contracts';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisThreadError, ThreadPoolRunner } from './analysis-runner.js';

// A stand-in thread (no core): answers by spec.y.
const standIn = join(__dirname, '../test/fixtures/stand-in-analysis.thread.mjs');
const task = (y: string, busyMs = 0) => ({
  spec: {
    kind: 'regression',
    unit: 'u',
    time: 't',
    y,
    x: ['x'],
    model: 'fe',
    busyMs,
  } as unknown as AnalysisSpec,
  inputs: { panelCsv: 'u,t,y,x\n' },
});

describe('ThreadPoolRunner', () => {
  let runner: ThreadPoolRunner;
  afterEach(() => runner.close());

  it('returns the result and relays progress', async () => {
    runner = new ThreadPoolRunner(1, standIn);
    const progress: unknown[] = [];
    const result = await runner.run(task('y'), (p) => progress.push(p));
    expect(result).toMatchObject({ kind: 'regression', model: 'fe', nobs: 8 });
    expect(progress).toEqual([{ stage: 'fit', done: 1, total: 1 }]);
  });

  it('restores a SpilloverError with its code and details', async () => {
    runner = new ThreadPoolRunner(1, standIn);
    const error = await runner.run(task('unknown'), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpilloverError);
    expect(error).toMatchObject({ code: 'UNKNOWN_COLUMN', details: { field: 'y', column: 'unknown' } });
  });

  it('an INTERNAL error from the thread is a plain (retryable) error', async () => {
    runner = new ThreadPoolRunner(1, standIn);
    const error = await runner.run(task('bug'), () => {}).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SpilloverError);
    expect(error).toMatchObject({ message: 'x is undefined' });
  });

  it('a crashed thread rejects its task and is replaced', async () => {
    runner = new ThreadPoolRunner(1, standIn);
    await expect(runner.run(task('crash'), () => {})).rejects.toBeInstanceOf(AnalysisThreadError);
    await expect(runner.run(task('y'), () => {})).resolves.toMatchObject({ kind: 'regression' });
  });

  it('prestarted threads take the first tasks; one that dies while idle is dropped, not fatal', async () => {
    runner = new ThreadPoolRunner(2, standIn);
    runner.prestart();
    await expect(runner.run(task('y'), () => {})).resolves.toMatchObject({ kind: 'regression' });
    await runner.close();

    runner = new ThreadPoolRunner(1, join(__dirname, '../test/fixtures/exits-at-start.thread.mjs'));
    runner.prestart();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // the dead thread is gone: the task gets a fresh thread (which dies too, and says so)
    await expect(runner.run(task('y'), () => {})).rejects.toThrow('analysis thread exited with code 4');
  });

  it('runs tasks in parallel up to its size and queues the rest', async () => {
    runner = new ThreadPoolRunner(2, standIn);
    const started = Date.now();
    await Promise.all([
      runner.run(task('y', 300), () => {}),
      runner.run(task('y', 300), () => {}),
      runner.run(task('y', 300), () => {}),
    ]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(550); // three 300 ms tasks on two threads: two rounds
    expect(elapsed).toBeLessThan(1500);
  });

  it('keeps the event loop free while a task runs', async () => {
    runner = new ThreadPoolRunner(1, standIn);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await runner.run(task('y', 500), () => {});
    clearInterval(timer);
    expect(ticks).toBeGreaterThanOrEqual(15);
  });
});
