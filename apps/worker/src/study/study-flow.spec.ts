import {
  type AnalysisSpec,
  analysisJobId,
  bootstrapChunkJobId,
  JobName,
  QueueName,
  studyReportJobId,
} from '@spillover/contracts';
import { parseAnalysisSpec } from '@spillover/core';
import { describe, expect, it } from 'vitest';
import { studyFlow } from './study-flow.js';

const studyId = '0b7d3c1e-2f4a-4c5b-8d6e-7f8091a2b3c4';
const fe = parseAnalysisSpec({
  kind: 'regression',
  unit: 'code',
  time: 'year',
  y: 'y',
  x: ['x'],
  model: 'fe',
});
const mediation: AnalysisSpec = parseAnalysisSpec({
  kind: 'mediation',
  unit: 'code',
  time: 'year',
  y: 'y',
  treatment: 't',
  mediators: ['m'],
  model: 'fe',
  bootstrap: { reps: 120, seed: 1 },
});

describe('study flow', () => {
  const flow = studyFlow(
    studyId,
    [
      { stepId: 'baseline-1', analysisId: 'a-fit', spec: fe },
      { stepId: 'mediation', analysisId: 'a-boot', spec: mediation },
    ],
    (spec) => (spec.kind === 'mediation' ? (spec.bootstrap?.reps ?? 0) / 2 : 0),
  );

  it('is rooted at the StudyReport job, which waits for every step', () => {
    expect(flow).toMatchObject({
      name: JobName.StudyReport,
      queueName: QueueName.Estimation,
      data: { studyId },
      opts: { jobId: studyReportJobId(studyId), attempts: 3 },
    });
    expect(flow.children).toHaveLength(2);
  });

  it('holds each step job as POST /analyses would enqueue it, ignored as a dependency when it fails', () => {
    const [fit, boot] = flow.children!;
    expect(fit).toMatchObject({
      name: JobName.FitAnalysis,
      data: { analysisId: 'a-fit' },
      opts: { jobId: analysisJobId('a-fit'), attempts: 3, ignoreDependencyOnFailure: true },
    });
    expect(fit!.children).toBeUndefined();
    expect(boot).toMatchObject({
      name: JobName.AggregateBootstrap,
      data: { analysisId: 'a-boot', reps: 120, chunkSize: 60 },
      opts: { jobId: analysisJobId('a-boot'), ignoreDependencyOnFailure: true },
    });
    expect(boot!.children!.map((chunk) => chunk.opts?.jobId)).toEqual([
      bootstrapChunkJobId('a-boot', 0, 60),
      bootstrapChunkJobId('a-boot', 60, 120),
    ]);
    // a failed chunk still fails its own aggregate (which the report then ignores)
    expect(boot!.children![0]!.opts).toMatchObject({ failParentOnFailure: true });
  });
});
