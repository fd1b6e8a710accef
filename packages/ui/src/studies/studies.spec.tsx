import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { groupStepsByPhase, stepDetail, stepFraction, studyProgress } from './study-progress';
import { StudyFailures } from './StudyFailures';
import { StudyProgressSummary } from './StudyProgressSummary';
import { StudyStepList } from './StudyStepList';
import type { StudyStepItem } from './types';

const steps: StudyStepItem[] = [
  {
    key: 'entropy-index',
    title: 'entropy index',
    phase: 'measurement',
    status: 'succeeded',
    href: '/analyses/a1',
  },
  { key: 'report', title: 'tables and report', phase: 'report', status: 'queued' },
  {
    key: 'mediation',
    title: 'mediation',
    phase: 'estimation',
    status: 'running',
    done: 20,
    total: 50,
    stage: 'replications',
    etaSeconds: 75,
    href: '/analyses/a3',
  },
  { key: 'location-quotient', title: 'location quotient', phase: 'measurement', status: 'succeeded' },
  {
    key: 'sdm-knn',
    title: 'SDM kNN',
    phase: 'estimation',
    status: 'failed',
    href: '/analyses/a5',
    error: { message: 'W lacks unit 110100', code: 'WEIGHTS_MISMATCH' },
  },
];

describe('groupStepsByPhase', () => {
  it('orders measurement, estimation, report and keeps step order within a phase', () => {
    const groups = groupStepsByPhase(steps);
    expect(groups.map((g) => g.label)).toEqual(['Measurement', 'Estimation', 'Report']);
    expect(groups[0]!.steps.map((s) => s.key)).toEqual(['entropy-index', 'location-quotient']);
    expect(groups[1]!.steps.map((s) => s.key)).toEqual(['mediation', 'sdm-knn']);
  });
  it('puts unknown phases last and drops empty ones', () => {
    const groups = groupStepsByPhase([
      { key: 'x', title: 'x', phase: 'robustness', status: 'queued' },
      { key: 'y', title: 'y', phase: 'report', status: 'queued' },
    ]);
    expect(groups.map((g) => [g.phase, g.label])).toEqual([
      ['report', 'Report'],
      ['robustness', 'Robustness'],
    ]);
  });
});

describe('study progress', () => {
  it('counts steps that ran whole, running steps by done/total and cancelled ones not at all', () => {
    expect(stepFraction(steps[2]!)).toBe(0.4);
    expect(stepFraction(steps[1]!)).toBe(0);
    expect(stepFraction({ ...steps[2]!, total: 0 })).toBe(0);
    expect(stepFraction({ ...steps[0]!, status: 'cancelled' })).toBe(0);
    const counts = studyProgress(steps);
    expect(counts).toMatchObject({ succeeded: 2, failed: 1, running: 1, notRun: 0, total: 5 });
    expect(counts.fraction).toBeCloseTo((3 + 0.4) / 5, 12);
    const cancelled = studyProgress(
      steps.map((s) => (s.status === 'succeeded' ? s : { ...s, status: 'cancelled' })),
    );
    expect(cancelled).toMatchObject({ succeeded: 2, notRun: 3 });
    expect(cancelled.fraction).toBe(2 / 5);
  });
  it('describes a running step with its amount and the time left', () => {
    expect(stepDetail(steps[2]!)).toBe('20 of 50 replications · about 1 min 15 s left');
    expect(stepDetail({ ...steps[2]!, stage: 'impacts', etaSeconds: undefined })).toBe('impacts · 20 of 50');
    // The worker's replications message repeats the counts: the counts are shown once.
    expect(stepDetail({ ...steps[2]!, message: '20 of 50 replications; about 75 s left' })).toBe(
      '20 of 50 replications · about 1 min 15 s left',
    );
    expect(
      stepDetail({ ...steps[2]!, stage: 'impacts', message: 'simulating impacts', etaSeconds: undefined }),
    ).toBe('simulating impacts · 20 of 50');
    expect(stepDetail({ key: 'k', title: 't', phase: 'p', status: 'running' })).toBe('starting');
    expect(stepDetail(steps[1]!)).toBeUndefined();
    expect(stepDetail(steps[0]!)).toBeUndefined();
  });
});

describe('StudyStepList', () => {
  const html = renderToStaticMarkup(<StudyStepList steps={steps} />);

  it('lists the steps grouped by phase and numbered across phases', () => {
    expect(html.match(/<h3>([^<]+)<\/h3>/g)).toEqual([
      '<h3>Measurement</h3>',
      '<h3>Estimation</h3>',
      '<h3>Report</h3>',
    ]);
    expect([...html.matchAll(/<ol start="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '3', '5']);
    expect(
      [...html.matchAll(/data-step="([^"]+)" data-status="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`),
    ).toEqual([
      'entropy-index:succeeded',
      'location-quotient:succeeded',
      'mediation:running',
      'sdm-knn:failed',
      'report:queued',
    ]);
  });
  it('links steps to their analyses, shows progress while running and the reason of a failure', () => {
    expect(html).toContain('<a href="/analyses/a1" class="sp-study-step-link">analysis</a>');
    expect(html.match(/sp-study-step-link/g)).toHaveLength(3);
    expect(html.match(/data-testid="step-progress"/g)).toHaveLength(1);
    expect(html).toContain('aria-valuetext="20 of 50"');
    expect(html).toContain('20 of 50 replications · about 1 min 15 s left');
    expect(html).toContain('W lacks unit 110100<span class="sp-error-code"> (WEIGHTS_MISMATCH)</span>');
  });
  it('renders links with the component it is given', () => {
    const custom = renderToStaticMarkup(
      <StudyStepList
        steps={steps.slice(0, 1)}
        link={({ href, children }) => <a data-router={href}>{children}</a>}
      />,
    );
    expect(custom).toContain('<a data-router="/analyses/a1">analysis</a>');
  });
});

describe('StudyProgressSummary', () => {
  it('shows the share of work done and the finished steps, with a cancel button when asked', () => {
    const html = renderToStaticMarkup(<StudyProgressSummary steps={steps} onCancel={() => undefined} />);
    expect(html).toContain('aria-valuenow="68"');
    expect(html).toContain('2 of 5 steps succeeded · 1 running · 1 failed');
    expect(html).toContain('data-testid="cancel-study"');
    expect(renderToStaticMarkup(<StudyProgressSummary steps={steps} />)).not.toContain('cancel-study');
  });
  it('is indeterminate before the steps are known', () => {
    expect(renderToStaticMarkup(<StudyProgressSummary steps={[]} />)).toContain('sp-progress-indeterminate');
  });
});

describe('StudyFailures', () => {
  it('names every failed step and its reason', () => {
    const html = renderToStaticMarkup(
      <StudyFailures steps={steps} error={{ message: 'step sdm-knn failed' }} />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('The study failed: 1 step failed.');
    expect(html).toContain(
      '<li data-testid="failed-step" data-step="sdm-knn"><strong>SDM kNN</strong>: W lacks unit 110100<span class="sp-error-code"> (WEIGHTS_MISMATCH)</span></li>',
    );
    expect(html).toContain('step sdm-knn failed');
  });
});
