import { describe, expect, it } from 'vitest';
import {
  replicationProgress,
  ReplicationProgressTracker,
  type ProgressHash,
} from './replication-progress.js';

/** An in-memory hash behind the transaction calls the tracker makes. */
function fakeHash(): ProgressHash {
  const hashes = new Map<string, Map<string, string>>();
  const hash = (key: string) => hashes.get(key) ?? hashes.set(key, new Map()).get(key)!;
  return {
    multi: () => {
      const ops: (() => unknown)[] = [];
      const chain = {
        hsetnx: (key: string, field: string, value: string) => (
          ops.push(() => hash(key).has(field) || hash(key).set(field, value)),
          chain
        ),
        hset: (key: string, field: string, value: string) => (
          ops.push(() => hash(key).set(field, value)),
          chain
        ),
        expire: () => (ops.push(() => 1), chain),
        hgetall: (key: string) => (ops.push(() => Object.fromEntries(hash(key))), chain),
        exec: async () => ops.map((op) => [null, op()]),
      };
      return chain;
    },
    del: async (key: string) => Number(hashes.delete(key)),
  } as unknown as ProgressHash;
}

describe('replication progress', () => {
  it('estimates the time left from the rate so far', () => {
    expect(replicationProgress(1000, 5000, 2000)).toEqual({
      stage: 'replications',
      done: 1000,
      total: 5000,
      etaSeconds: 8,
      message: '1000 of 5000 replications; about 8 s left',
    });
    expect(replicationProgress(0, 5000, 100).etaSeconds).toBeUndefined();
    expect(replicationProgress(5000, 5000, 100)).toMatchObject({ message: '5000 of 5000 replications' });
  });

  it('sums chunks across workers; a retried chunk overwrites its count instead of adding to it', async () => {
    let now = 1_000;
    const tracker = new ReplicationProgressTracker(fakeHash(), 'p', () => now);
    await tracker.record('a', 0, 100, 40, 300);
    now += 1000;
    expect((await tracker.record('a', 100, 200, 60, 300)).done).toBe(100);
    // the chunk 0..100 dies and is re-run from the start
    expect((await tracker.record('a', 0, 100, 10, 300)).done).toBe(70);
    now += 1000;
    const last = await tracker.record('a', 0, 100, 100, 300);
    expect(last).toMatchObject({ done: 160, total: 300, etaSeconds: 2 });
  });
});
