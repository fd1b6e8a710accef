import type { StudyStepView, StudyView } from '@spillover/contracts';
import { describe, expect, it } from 'vitest';
import { studyFinished, studyStepItems } from './study-steps';

const analysisId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function step(position: number, stepId: string, extra: Partial<StudyStepView> = {}): StudyStepView {
  return {
    stepId,
    title: stepId,
    position,
    phase: position <= 4 ? 'measurement' : 'estimation',
    analysisId: analysisId(position),
    status: 'succeeded',
    progress: null,
    error: null,
    ...extra,
  };
}

function study(extra: Partial<StudyView> = {}): StudyView {
  return {
    id: analysisId(99),
    teamId: analysisId(98),
    name: 'study',
    template: 'digital-resilience',
    status: 'running',
    stage: 'estimation',
    options: { seed: 1, quick: true, cities: 20 },
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    createdBy: analysisId(97),
    error: null,
    steps: [],
    failedSteps: [],
    datasets: null,
    weights: null,
    report: { available: false, tables: [] },
    ...extra,
  };
}

describe('studyStepItems', () => {
  it('shows the preparation as one measurement entry until the steps exist, then the report', () => {
    const items = studyStepItems(study({ status: 'queued', stage: 'preparation' }));
    expect(items.map((i) => [i.key, i.phase, i.status])).toEqual([
      ['preparation', 'measurement', 'queued'],
      ['report', 'report', 'queued'],
    ]);
  });

  it('orders the steps by position, links their analyses and carries progress and errors', () => {
    const items = studyStepItems(
      study({
        steps: [
          step(6, 'baseline-1', {
            status: 'running',
            progress: { stage: 'replications', done: 10, total: 50, etaSeconds: 4 },
          }),
          step(1, 'entropy-index'),
          step(5, 'calibration', {
            status: 'failed',
            error: { code: 'SINGULAR_DESIGN', message: 'the design is singular' },
          }),
        ],
      }),
    );
    expect(items.map((i) => i.key)).toEqual(['entropy-index', 'calibration', 'baseline-1', 'report']);
    expect(items[0]).toMatchObject({ phase: 'measurement', href: `/analyses/${analysisId(1)}` });
    expect(items[1]!.error).toEqual({ code: 'SINGULAR_DESIGN', message: 'the design is singular' });
    expect(items[2]).toMatchObject({ done: 10, total: 50, stage: 'replications', etaSeconds: 4 });
    expect(items[3]!.status).toBe('queued');
    expect(items[3]!.href).toBeUndefined();
  });

  it('derives the report entry from the stage and the stored report', () => {
    const steps = [step(1, 'entropy-index'), step(5, 'calibration')];
    const report = (extra: Partial<StudyView>) => studyStepItems(study({ steps, ...extra })).at(-1)!;
    expect(report({ stage: 'report' }).status).toBe('running');
    expect(
      report({ status: 'succeeded', stage: 'done', report: { available: true, tables: [] } }).status,
    ).toBe('succeeded');
    expect(
      report({ status: 'failed', stage: 'done', error: { code: 'INTERNAL', message: 'disk full' } }),
    ).toMatchObject({ status: 'failed', error: { message: 'disk full', code: 'INTERNAL' } });
    expect(report({ status: 'cancelled', stage: 'done' }).status).toBe('skipped');
  });

  it('shows why the preparation failed', () => {
    const error = { code: 'VALIDATION_FAILED' as const, message: 'the city list is empty' };
    const items = studyStepItems(study({ status: 'failed', stage: 'done', error }));
    expect(items[0]).toMatchObject({ key: 'preparation', status: 'failed', error });
    expect(items[1]!.status).toBe('skipped');
  });
});

describe('studyFinished', () => {
  it('follows the study until it has ended outside the report stage', () => {
    expect(studyFinished({ status: 'running', stage: 'estimation' })).toBe(false);
    expect(studyFinished({ status: 'failed', stage: 'report' })).toBe(false);
    expect(studyFinished({ status: 'failed', stage: 'done' })).toBe(true);
    expect(studyFinished({ status: 'succeeded', stage: 'done' })).toBe(true);
  });
});
