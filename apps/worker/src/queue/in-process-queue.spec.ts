import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { backoffDelay, InProcessQueues } from './in-process-queue.js';
import type { JobEvent, QueueJob } from './job-queue.js';

/** Resolves once `predicate` holds, checking after every macrotask. */
async function until(predicate: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    if (await predicate()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

/** A processor that records the order jobs ran in and runs `behaviour` for each. */
function recorder(behaviour: (job: QueueJob) => Promise<unknown> = async () => 'ok') {
  const ran: string[] = [];
  return { ran, processor: async (job: QueueJob) => (ran.push(job.id!), behaviour(job)) };
}

describe('InProcessQueues', () => {
  it('adds a job id once (dedupe) and runs it', async () => {
    const queues = new InProcessQueues(2);
    const { ran, processor } = recorder();
    const queue = queues.queue('q');
    await queue.add('A', { n: 1 }, { jobId: 'one' });
    await queue.add('A', { n: 2 }, { jobId: 'one' });
    queues.process('q', processor);
    await until(async () => (await (await queue.getJob('one'))!.getState()) === 'completed');
    expect(ran).toEqual(['one']);
    expect((await queue.getJob('one'))!.data).toEqual({ n: 1 });
    await queue.add('A', { n: 3 }, { jobId: 'one' });
    expect(await queue.getJobCounts('waiting', 'completed')).toEqual({ waiting: 0, completed: 1 });
  });

  it('retries a failing job up to its attempts, reporting every failed attempt', async () => {
    const queues = new InProcessQueues(1);
    const failures: number[] = [];
    queues.onFailed((job) => failures.push(job.attemptsMade));
    let calls = 0;
    queues.process('q', async () => {
      if (++calls < 3) throw new Error('transient');
      return 'ok';
    });
    const queue = queues.queue('q');
    await queue.add('A', {}, { jobId: 'j', attempts: 3, backoff: { type: 'fixed', delay: 1 } });
    await until(async () => (await (await queue.getJob('j'))!.getState()) === 'completed');
    expect(failures).toEqual([1, 2]);

    calls = -10;
    await queue.add('A', {}, { jobId: 'k', attempts: 2, backoff: { type: 'fixed', delay: 1 } });
    await until(async () => (await (await queue.getJob('k'))!.isFailed()) === true);
    const failed = (await queue.getJob('k'))!;
    expect([failed.attemptsMade, failed.failedReason]).toEqual([2, 'transient']);
  });

  it('never retries an UnrecoverableError', async () => {
    const queues = new InProcessQueues(1);
    let calls = 0;
    queues.process('q', async () => {
      calls++;
      throw new UnrecoverableError('bad input');
    });
    const queue = queues.queue('q');
    await queue.add('A', {}, { jobId: 'u', attempts: 5 });
    await until(async () => (await (await queue.getJob('u'))!.isFailed()) === true);
    expect(calls).toBe(1);
  });

  it('computes exponential and fixed backoff', () => {
    expect([1, 2, 3].map((n) => backoffDelay({ backoff: { type: 'exponential', delay: 100 } }, n))).toEqual([
      100, 200, 400,
    ]);
    expect(backoffDelay({ backoff: { type: 'fixed', delay: 70 } }, 3)).toBe(70);
    expect(backoffDelay({}, 2)).toBe(0);
  });

  it('runs a nested flow bottom-up: a parent after all of its children, to any depth', async () => {
    const queues = new InProcessQueues(3);
    const { ran, processor } = recorder();
    queues.process('a', processor);
    queues.process('b', processor);
    await queues.flows.add({
      name: 'Root',
      queueName: 'a',
      data: {},
      opts: { jobId: 'root' },
      children: [
        {
          name: 'Mid',
          queueName: 'a',
          data: {},
          opts: { jobId: 'mid' },
          children: [1, 2].map((i) => ({
            name: 'Leaf',
            queueName: 'b',
            data: {},
            opts: { jobId: `leaf${i}` },
          })),
        },
        { name: 'Leaf', queueName: 'b', data: {}, opts: { jobId: 'leaf3' } },
      ],
    });
    await until(() => ran.includes('root'));
    expect(ran.indexOf('mid')).toBeGreaterThan(Math.max(ran.indexOf('leaf1'), ran.indexOf('leaf2')));
    expect(ran.indexOf('root')).toBeGreaterThan(Math.max(ran.indexOf('mid'), ran.indexOf('leaf3')));
    expect(ran).toHaveLength(5);
  });

  it('gives children their parent and relays their progress to it', async () => {
    const queues = new InProcessQueues(1);
    const events: [string, JobEvent][] = [];
    queues.onJobEvent('a', (jobId, event) => events.push([jobId, event]));
    queues.process('a', async () => 'ok');
    queues.process('b', async (job) => {
      expect(job.parent).toEqual({ id: 'p', queueKey: 'a' });
      await queues.queue('a').updateJobProgress(job.parent!.id!, { stage: 's', done: 1, total: 2 });
    });
    await queues.flows.add({
      name: 'P',
      queueName: 'a',
      data: {},
      opts: { jobId: 'p' },
      children: [{ name: 'C', queueName: 'b', data: {}, opts: { jobId: 'c' } }],
    });
    await until(() => events.some(([, event]) => event.kind === 'completed'));
    expect(events).toEqual([
      ['p', { kind: 'progress', data: { stage: 's', done: 1, total: 2 } }],
      ['p', { kind: 'active' }],
      ['p', { kind: 'completed' }],
    ]);
  });

  it('fails the parent of a child that fails for good with failParentOnFailure', async () => {
    const queues = new InProcessQueues(2);
    const { ran, processor } = recorder(async (job) => {
      if (job.id === 'bad') throw new UnrecoverableError('no');
    });
    queues.process('q', processor);
    await queues.flows.add({
      name: 'Grand',
      queueName: 'q',
      data: {},
      opts: { jobId: 'grand' },
      children: [
        {
          name: 'P',
          queueName: 'q',
          data: {},
          opts: { jobId: 'p', failParentOnFailure: true },
          children: [
            { name: 'C', queueName: 'q', data: {}, opts: { jobId: 'bad', failParentOnFailure: true } },
          ],
        },
      ],
    });
    const queue = queues.queue('q');
    await until(async () => (await (await queue.getJob('grand'))!.getState()) === 'failed');
    expect((await queue.getJob('p'))!.failedReason).toBe('child q:bad failed');
    expect(ran).toEqual(['bad']);
  });

  it('lets the parent go on past a failed child with ignoreDependencyOnFailure, and waits otherwise', async () => {
    const queues = new InProcessQueues(2);
    const { ran, processor } = recorder(async (job) => {
      if (job.name === 'Bad') throw new UnrecoverableError('no');
    });
    queues.process('q', processor);
    const flow = (parent: string, child: object) => ({
      name: 'P',
      queueName: 'q',
      data: {},
      opts: { jobId: parent },
      children: [{ name: 'Bad', queueName: 'q', data: {}, opts: { jobId: `${parent}-child`, ...child } }],
    });
    await queues.flows.add(flow('ignoring', { ignoreDependencyOnFailure: true }));
    await queues.flows.add(flow('plain', {}));
    const queue = queues.queue('q');
    await until(() => ran.includes('ignoring'));
    await until(async () => (await (await queue.getJob('plain-child'))!.isFailed()) === true);
    expect(await (await queue.getJob('plain'))!.getState()).toBe('waiting-children');
    expect(ran).not.toContain('plain');
  });

  it('removes a job that has not started with its unprocessed children, and refuses a running one', async () => {
    const queues = new InProcessQueues(1);
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { ran, processor } = recorder(async (job) => {
      if (job.id === 'c1') await blocked;
    });
    await queues.flows.add({
      name: 'P',
      queueName: 'est',
      data: {},
      opts: { jobId: 'p' },
      children: [1, 2, 3].map((i) => ({ name: 'C', queueName: 'boot', data: {}, opts: { jobId: `c${i}` } })),
    });
    queues.process('est', processor);
    queues.process('boot', processor);
    const boot = queues.queue('boot');
    await until(async () => (await (await boot.getJob('c1'))!.isActive()) === true);
    await expect((await boot.getJob('c1'))!.remove()).rejects.toThrow('is running');

    const parent = (await queues.queue('est').getJob('p'))!;
    await parent.removeUnprocessedChildren();
    await parent.remove();
    expect([await boot.getJob('c2'), await boot.getJob('c3'), await queues.queue('est').getJob('p')]).toEqual(
      [undefined, undefined, undefined],
    );
    release();
    await until(async () => (await (await boot.getJob('c1'))!.getState()) === 'completed');
    await queues.close();
    expect(ran).toEqual(['c1']);
  });

  it('holds jobs while paused, counts by state and retries a failed job on demand', async () => {
    const queues = new InProcessQueues(1);
    let fail = true;
    queues.process('q', async () => {
      if (fail) throw new UnrecoverableError('once');
    });
    const queue = queues.queue('q');
    await queue.pause();
    await queue.add('A', {}, { jobId: 'x' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await queue.getJobCounts('waiting', 'active', 'failed')).toEqual({
      waiting: 1,
      active: 0,
      failed: 0,
    });
    expect(await queue.getWorkersCount()).toBe(1);
    await queue.resume();
    await until(async () => (await (await queue.getJob('x'))!.isFailed()) === true);
    expect((await queue.getJobs(['failed'])).map((job) => job.id)).toEqual(['x']);
    fail = false;
    await (await queue.getJob('x'))!.retry('failed');
    await until(async () => (await (await queue.getJob('x'))!.getState()) === 'completed');
  });

  it('keeps only as many finished jobs as removeOnComplete allows', async () => {
    const queues = new InProcessQueues(1);
    queues.process('q', async () => 'ok');
    const queue = queues.queue('q');
    for (const id of ['a', 'b', 'c']) await queue.add('A', {}, { jobId: id, removeOnComplete: { count: 2 } });
    await until(async () => (await queue.getJobCounts('completed')).completed === 2);
    await until(
      async () => (await queue.getJob('c')) !== undefined && (await queue.getJob('a')) === undefined,
    );
  });
});
