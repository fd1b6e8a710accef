import type { MechanismSpec } from '@spillover/core';
import { describe, expect, it, vi } from 'vitest';
import { RunInputCache } from './run-input.cache.js';

const input = (panelCsv: string) => ({ spec: { kind: 'mediation' } as MechanismSpec, panelCsv });

describe('RunInputCache', () => {
  it('loads an analysis once, even for concurrent chunks, and only the last one is kept', async () => {
    const cache = new RunInputCache();
    const load = vi.fn(async (csv: string) => input(csv));
    const [a, again] = await Promise.all([
      cache.get('a', () => load('a.csv')),
      cache.get('a', () => load('a.csv')),
    ]);
    expect(a.panelCsv).toBe('a.csv');
    expect(again).toBe(a);
    await cache.get('b', () => load('b.csv'));
    await cache.get('a', () => load('a.csv'));
    expect(load.mock.calls.map(([csv]) => csv)).toEqual(['a.csv', 'b.csv', 'a.csv']);
  });

  it('does not keep a failed load', async () => {
    const cache = new RunInputCache();
    await expect(cache.get('a', () => Promise.reject(new Error('database away')))).rejects.toThrow(
      'database away',
    );
    await expect(cache.get('a', async () => input('a.csv'))).resolves.toMatchObject({ panelCsv: 'a.csv' });
  });
});
