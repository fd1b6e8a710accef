import { describe, expect, it } from 'vitest';
import {
  analysisJobId,
  bootstrapChunkJobId,
  bootstrapChunkSize,
  bootstrapFlow,
  JobName,
  QueueName,
  replicationRanges,
  splitReplicationsOf,
} from './jobs.js';
import { AnalysisSpec } from './spec.js';

const id = '6f1c8a44-5e1c-4a8e-9a55-1b2f3c4d5e6f';

describe('split replications', () => {
  it('chunks hold at least 50 replications: about 10,000 cheap ones (one to four per worker), four per worker for model refits', () => {
    const mediation = (reps: number) =>
      AnalysisSpec.parse({
        kind: 'mediation',
        unit: 'u',
        time: 't',
        y: 'y',
        treatment: 'd',
        mediators: ['m'],
        bootstrap: { reps, seed: 1 },
      });
    expect(bootstrapChunkSize(mediation(5000), 1)).toBe(5000);
    expect(bootstrapChunkSize(mediation(5000), 2)).toBe(2500);
    expect(bootstrapChunkSize(mediation(5001), 2)).toBe(2501);
    expect(bootstrapChunkSize(mediation(120), 4)).toBe(50);
    expect(bootstrapChunkSize(mediation(400), 0)).toBe(400);
    expect(bootstrapChunkSize(mediation(50_000), 2)).toBe(8334);
    expect(bootstrapChunkSize(mediation(50_000), 1)).toBe(12_500);
    const threshold = AnalysisSpec.parse({
      kind: 'threshold',
      unit: 'u',
      time: 't',
      y: 'y',
      regimeVariable: 'x',
      thresholdVariable: 'q',
      bootstrap: { reps: 1000, seed: 1 },
    });
    expect(bootstrapChunkSize(threshold, 2)).toBe(125);
  });

  it('ranges cover 0..reps once, the last one shorter', () => {
    expect(replicationRanges(400, 137)).toEqual([
      [0, 137],
      [137, 274],
      [274, 400],
    ]);
    expect(replicationRanges(0, 50)).toEqual([]);
  });

  it('only resampling mechanism specs with reps are split', () => {
    const base = { unit: 'u', time: 't', y: 'y' };
    const mediation = AnalysisSpec.parse({
      ...base,
      kind: 'mediation',
      treatment: 'd',
      mediators: ['m'],
      bootstrap: { reps: 300 },
    });
    const heterogeneity = AnalysisSpec.parse({
      ...base,
      kind: 'heterogeneity',
      x: ['x'],
      groupBy: 'g',
      test: { permutation: { reps: 99 } },
    });
    const regression = AnalysisSpec.parse({ ...base, kind: 'regression', x: ['x'], model: 'fe' });
    expect(splitReplicationsOf(mediation)).toBe(300);
    expect(splitReplicationsOf(heterogeneity)).toBe(99);
    expect(splitReplicationsOf(regression)).toBe(0);
  });

  it('the flow keeps the analysis job id on the parent; children fail it and have stable ids', () => {
    const flow = bootstrapFlow(id, 120, 50);
    expect(flow).toMatchObject({
      name: JobName.AggregateBootstrap,
      queueName: QueueName.Estimation,
      data: { analysisId: id, reps: 120, chunkSize: 50 },
    });
    expect(flow.opts.jobId).toBe(analysisJobId(id));
    expect(flow.children.map((c) => [c.data.from, c.data.to])).toEqual([
      [0, 50],
      [50, 100],
      [100, 120],
    ]);
    expect(flow.children[2]).toMatchObject({
      queueName: QueueName.Bootstrap,
      opts: { jobId: bootstrapChunkJobId(id, 100, 120), failParentOnFailure: true },
    });
    expect(flow.children[0]!.opts.jobId).not.toContain(':');
  });
});
