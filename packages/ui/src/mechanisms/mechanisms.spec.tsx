import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BootstrapHistogram } from './BootstrapHistogram';
import { GroupComparisonTable } from './GroupComparisonTable';
import { MediationDiagram } from './MediationDiagram';
import { MediationResultView, ThresholdResultView } from './MechanismResultView';
import { formatDuration, RunProgress } from './RunProgress';
import { ThresholdLrPlot } from './ThresholdLrPlot';
import { bootstrapPValue, regimeLabel } from './ThresholdRegimeTable';
import type { MediationData, ThresholdData } from './types';

const mediation: MediationData = {
  kind: 'mediation',
  nobs: 480,
  total: { estimate: 0.5, se: 0.1, p: 0.0001 },
  mediators: {
    innov: {
      a: { estimate: 0.4, se: 0.05, p: 0.001 },
      b: { estimate: 0.3, se: 0.1, p: 0.04 },
      cPrime: { estimate: 0.38, se: 0.1, p: 0.2 },
      indirect: { estimate: 0.12, sobel: { se: 0.03, stat: 4, p: 0.00006 } },
      proportionMediated: 0.24,
      bootstrap: {
        reps: 400,
        failed: 2,
        se: 0.03,
        percentile: [0.06, 0.18],
        bc: [0.061, 0.181],
        bca: [0.062, 0.182],
        histogram: { min: 0.02, max: 0.22, counts: [1, 5, 20, 80, 120, 100, 50, 15, 4, 3] },
      },
    },
  },
};

const threshold: ThresholdData = {
  kind: 'threshold',
  thresholds: [{ estimate: 0.585, ci: [0.53, 0.657] }],
  tests: [
    {
      hypothesis: '0 vs 1',
      F: 103.6,
      p: 0,
      crit: { '0.10': 8.8, '0.05': 10.6, '0.01': 15.7 },
      reps: 300,
      failed: 0,
    },
  ],
  coefficients: {
    'dig@r1': { estimate: 0.9, se: 0.07, p: 1e-30 },
    'dig@r2': { estimate: 0.36, se: 0.06, p: 2e-9 },
    ctrl1: { estimate: 0.43, se: 0.05, p: 0.2 },
  },
  lrCurve: [
    { threshold: 1, gamma: 0.2, lr: 30 },
    { threshold: 1, gamma: 0.585, lr: 0 },
    { threshold: 1, gamma: 0.9, lr: 12 },
  ],
  lrCritical: 7.352276694155739,
};

describe('MediationDiagram', () => {
  it('draws X → M → Y with a, b, c′ and c labelled and starred', () => {
    const m = mediation.mediators.innov!;
    const html = renderToString(
      <MediationDiagram
        treatment="dig"
        mediator="innov"
        outcome="res"
        a={m.a}
        b={m.b}
        c={mediation.total}
        cPrime={m.cPrime}
      />,
    );
    expect(html).toContain('data-testid="node-treatment"');
    expect(html).toMatch(/data-testid="path-a"[^>]*>a = 0\.400\*\*\*</);
    expect(html).toMatch(/data-testid="path-b"[^>]*>b = 0\.300\*\*</);
    expect(html).toMatch(/data-testid="path-c-prime"[^>]*>c′ = 0\.380</);
    expect(html).toContain('total c = 0.500***');
    expect(html.match(/<line /g)).toHaveLength(3);
  });
});

describe('BootstrapHistogram', () => {
  it('draws one bar per bin, shades the interval and marks the estimate', () => {
    const html = renderToString(
      <BootstrapHistogram
        histogram={mediation.mediators.innov!.bootstrap!.histogram!}
        estimate={0.12}
        interval={[0.062, 0.182]}
        intervalLabel="95 % BCa interval"
      />,
    );
    expect(html.match(/data-testid="histogram-bar"/g)).toHaveLength(10);
    expect(html).toContain('data-testid="histogram-interval"');
    expect(html).toContain('data-testid="histogram-estimate"');
    expect(html).toContain('95 % BCa interval [0.0620, 0.1820]');
  });
});

describe('MediationResultView', () => {
  it('shows the intervals, the failed replications and the histogram', () => {
    const html = renderToString(<MediationResultView result={mediation} treatment="dig" outcome="res" />);
    expect(html).toContain('Bootstrap SE (400 reps, 2 failed)');
    for (const name of ['percentile', 'BC', 'BCa']) {
      expect(html).toContain(`<th scope="row">95 % ${name} interval</th>`);
    }
    expect(html).toContain('data-testid="bootstrap-histogram"');
  });
});

describe('ThresholdLrPlot', () => {
  it('draws the LR curve, the critical-value line at 7.35 and the estimate', () => {
    const html = renderToString(
      <ThresholdLrPlot
        points={threshold.lrCurve}
        estimate={0.585}
        critical={7.352276694155739}
        variable="gov"
      />,
    );
    expect(html).toContain('data-testid="lr-curve"');
    expect(html).toContain('data-testid="lr-critical"');
    expect(html).toContain('95 % critical value 7.35');
    expect(html).toContain('data-testid="lr-estimate"');
  });
  it('names regimes by their bounds', () => {
    expect(regimeLabel('dig@r1', [0.5, 1.5], 'gov')).toBe('dig, regime 1 (gov ≤ 0.500)');
    expect(regimeLabel('dig@r2', [0.5, 1.5], 'gov')).toBe('dig, regime 2 (0.500 < gov ≤ 1.500)');
    expect(regimeLabel('dig@r3', [0.5, 1.5], 'gov')).toBe('dig, regime 3 (gov > 1.500)');
    expect(regimeLabel('ctrl1', [0.5], 'gov')).toBe('ctrl1');
  });
  it('bounds a bootstrap p of zero by one over the replications', () => {
    expect(bootstrapPValue(0, 50)).toBe('<0.020** (50 reps)');
    expect(bootstrapPValue(0, 5000)).toBe('<0.001*** (5000 reps)');
    expect(bootstrapPValue(0.064, 250)).toBe('0.064* (250 reps)');
    expect(bootstrapPValue(0.2, undefined)).toBe('0.200');
  });
  it('the result view has the regime table and one plot per threshold', () => {
    const html = renderToString(<ThresholdResultView result={threshold} thresholdVariable="gov" />);
    expect(html.match(/data-testid="threshold-lr-plot"/g)).toHaveLength(1);
    expect(html).toContain('8.80 / 10.60 / 15.70');
    expect(html).toContain('dig, regime 2 (gov &gt; 0.585)');
  });
});

describe('GroupComparisonTable', () => {
  it('puts groups side by side and lists the difference tests', () => {
    const html = renderToString(
      <GroupComparisonTable
        result={{
          groupBy: 'median of gov',
          groups: [
            {
              group: 'below',
              nobs: 240,
              nunits: 30,
              coefficients: { dig: { estimate: 0.2, se: 0.05, p: 0.001 } },
            },
            {
              group: 'above',
              nobs: 240,
              nunits: 30,
              coefficients: { dig: { estimate: 0.5, se: 0.06, p: 0.001 } },
            },
          ],
          differences: [
            {
              coefficient: 'dig',
              group: 'above',
              reference: 'below',
              estimate: 0.3,
              permutation: { p: 0.004, reps: 500, failed: 0 },
              suest: { stat: 14.8, df: 1, p: 0.0001, se: 0.078 },
              interaction: { estimate: 0.3, se: 0.08, p: 0.0002 },
            },
          ],
        }}
      />,
    );
    expect(html).toContain('Coefficients by group (median of gov)');
    expect(html).toContain('above − below');
    expect(html).toContain('0.004*** (500 perm.)');
    expect(html).toContain('14.800 (&lt;0.001)');
  });
});

describe('RunProgress', () => {
  it('shows replications done, the time left and a Cancel button', () => {
    const html = renderToString(
      <RunProgress stage="replications" done={1200} total={5000} etaSeconds={75} onCancel={() => {}} />,
    );
    expect(html).toContain('1200 of 5000 replications · about 1 min 15 s left');
    expect(html).toContain('data-testid="cancel-analysis"');
    expect(html).toContain('aria-valuenow="24"');
    expect(formatDuration(3700)).toBe('1 h 1 min');
  });
});
