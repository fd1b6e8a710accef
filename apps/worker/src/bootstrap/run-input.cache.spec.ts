import type { MechanismSpec } from '@spillover/core';
import { describe, expect, it, vi } from 'vitest';
import { RunInputCache } from './run-input.cache.js';

const spec = { kind: 'mediation' } as MechanismSpec;

/** Loaders of analyses a1 and a2 on dataset d1 and b on d2. */
function loaders() {
  const datasetOf: Record<string, string> = { a1: 'd1', a2: 'd1', b: 'd2' };
  const specs = vi.fn(async (analysisId: string) => ({ spec, datasetId: datasetOf[analysisId]! }));
  const csvs = vi.fn(async (datasetId: string) => `${datasetId}.csv`);
  const of = (analysisId: string) => ({ spec: () => specs(analysisId), datasetCsv: csvs });
  return { specs, csvs, of };
}

describe('RunInputCache', () => {
  it('loads an analysis once, even for concurrent chunks, and only the last one is kept', async () => {
    const cache = new RunInputCache();
    const { specs, of } = loaders();
    const [a, again] = await Promise.all([cache.get('a1', of('a1')), cache.get('a1', of('a1'))]);
    expect(a).toEqual({ spec, datasetId: 'd1', panelCsv: 'd1.csv' });
    expect(again).toBe(a);
    await cache.get('b', of('b'));
    await cache.get('a1', of('a1'));
    expect(specs.mock.calls.map(([id]) => id)).toEqual(['a1', 'b', 'a1']);
  });

  it('reuses the text of the dataset version it read last for the next analysis of it', async () => {
    const cache = new RunInputCache();
    const { csvs, of } = loaders();
    await cache.get('a1', of('a1'));
    expect((await cache.get('a2', of('a2'))).panelCsv).toBe('d1.csv');
    await cache.get('b', of('b'));
    await cache.get('a1', of('a1'));
    expect(csvs.mock.calls.map(([id]) => id)).toEqual(['d1', 'd2', 'd1']);
  });

  it('does not keep a failed load', async () => {
    const cache = new RunInputCache();
    const { of } = loaders();
    const failing = { spec: of('a1').spec, datasetCsv: () => Promise.reject(new Error('database away')) };
    await expect(cache.get('a1', failing)).rejects.toThrow('database away');
    await expect(cache.get('a1', of('a1'))).resolves.toMatchObject({ panelCsv: 'd1.csv' });
  });
});
