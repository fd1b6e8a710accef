import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AnalysisView } from '@spillover/contracts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/stack.mjs';
import { signUpAndLogIn, startPortal, uploadPanel, type PortalRun } from './portal-harness.js';

/**
 * The mechanism composer end to end on the simulated mechanisms panel (../shared/fixtures/mechanisms:
 * 60 units × 8 periods): a mediation with a cluster bootstrap (path diagram, bootstrap histogram and
 * interval), a single Hansen threshold (LR curve with its critical value, regime table), a heterogeneity
 * analysis by a median split with a permutation test (group comparison and difference tests), and a long
 * bootstrap cancelled from its progress panel. Every number shown is checked against GET /api/analyses/:id.
 */

const panelPath = join(repoRoot, '..', 'shared', 'fixtures', 'mechanisms', 'panel.csv');
const resultsDir = join(repoRoot, 'apps', 'web', 'test-results', 'mechanisms');
const run = randomBytes(4).toString('hex');

let portal: PortalRun;
let page: Page;
let composerUrl: string;

beforeAll(async () => {
  portal = await startPortal({ label: 'mech', run, resultsDir });
  ({ page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

/** The analysis as the API stores it, with the browser's session cookie. */
async function fetchAnalysis(id: string): Promise<AnalysisView> {
  const response = await page.request.get(`/api/analyses/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AnalysisView;
}

/** The id of the analysis page the composer opened. */
async function openedAnalysisId(): Promise<string> {
  await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Waits for a terminal status on the analysis page and returns the stored analysis. */
async function settled(id: string, status: AnalysisView['status']): Promise<AnalysisView> {
  await page.locator(`[data-testid="status-badge"][data-status="${status}"]`).waitFor({ timeout: 150_000 });
  const analysis = await fetchAnalysis(id);
  expect(analysis.status).toBe(status);
  return analysis;
}

/** The stars the portal puts after an estimate: * p<0.1, ** p<0.05, *** p<0.01. */
function stars(p: number | undefined): string {
  if (p === undefined) return '';
  return p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '';
}

/** All decimal numbers in a text, in order (`−` and `-` both as minus). */
function numbersIn(text: string | null): number[] {
  return [...(text ?? '').replaceAll('−', '-').matchAll(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g)].map((m) =>
    Number(m[0]),
  );
}

/** `value` shown with `digits` decimals: equal to the API's number up to that rounding. */
function expectShown(shown: number | undefined, value: number, digits: number) {
  expect(shown).toBeDefined();
  expect(Math.abs(shown! - value)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-12);
}

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

describe('mechanism composer', () => {
  it('signs up, uploads the mechanisms panel and opens the composer', async () => {
    await signUpAndLogIn(page, {
      name: 'Mechanism Tester',
      email: `mech-${run}@example.org`,
      password: 'correct horse battery',
    });
    await uploadPanel(page, { path: panelPath, unit: 'unit', time: 'time', rows: 480 });
    await page.getByRole('link', { name: 'Mechanisms' }).click();
    await page.waitForURL(/\/analyses\/new-mechanism\?datasetId=/);
    await page.getByRole('heading', { level: 1, name: 'Mechanisms' }).waitFor();
    composerUrl = page.url();
  });

  it('runs a mediation with a cluster bootstrap and shows paths, histogram and interval', async () => {
    await page.getByLabel('Analysis', { exact: true }).selectOption('mediation');
    await page.getByLabel('Outcome (y)').selectOption('res');
    await page.getByLabel('Treatment', { exact: true }).selectOption('dig');
    const mediators = page.getByRole('group', { name: 'Mediators (each on its own)' });
    await mediators.getByRole('checkbox', { name: 'innov', exact: true }).check();
    const controls = page.getByRole('group', { name: 'Controls' });
    for (const x of ['ctrl1', 'ctrl2']) {
      await controls.getByRole('checkbox', { name: x, exact: true }).check();
    }
    await page.getByLabel('Model', { exact: true }).selectOption('fe');
    await page.getByLabel('Fixed effects').selectOption('twoways');
    await page.getByLabel('Standard errors').selectOption('cluster');
    await page.getByLabel('Bootstrap replications').fill('400');
    await page.getByLabel('Random seed').fill('7');
    expect(JSON.parse(await text(page.getByTestId('spec-preview')))).toEqual({
      kind: 'mediation',
      unit: 'unit',
      time: 'time',
      y: 'res',
      treatment: 'dig',
      mediators: ['innov'],
      x: ['ctrl1', 'ctrl2'],
      model: 'fe',
      effects: 'twoways',
      vcov: 'cluster',
      bootstrap: { reps: 400, seed: 7 },
    });
    await portal.screenshot('mediation-form');
    await page.getByRole('button', { name: 'Run analysis' }).click();

    const id = await openedAnalysisId();
    const analysis = await settled(id, 'succeeded');
    const result = analysis.result;
    if (result?.kind !== 'mediation') throw new Error(`expected a mediation result, got ${result?.kind}`);
    const innov = result.mediators.innov!;
    const bootstrap = innov.bootstrap!;
    expect(bootstrap.reps).toBe(400);

    const section = page.locator('[data-mediator="innov"]');
    const diagram = section.getByTestId('mediation-diagram');
    await diagram.waitFor();
    expect(await text(diagram.getByTestId('node-treatment'))).toBe('dig');
    expect(await text(diagram.getByTestId('node-mediator'))).toBe('innov');
    expect(await text(diagram.getByTestId('node-outcome'))).toBe('res');
    const paths = [
      ['path-a', 'a', innov.a],
      ['path-b', 'b', innov.b],
      ['path-c-prime', 'c′', innov.cPrime],
      ['path-c', 'c', result.total],
    ] as const;
    for (const [testId, name, estimate] of paths) {
      const label = await text(diagram.getByTestId(testId));
      const match = new RegExp(`^(?:total )?${name} = (-?\\d+\\.\\d{3})(\\**)$`).exec(label);
      expect(match, `${testId}: ${label}`).not.toBeNull();
      expectShown(Number(match![1]), estimate.estimate, 3);
      expect(match![2]).toBe(stars(estimate.p));
    }

    const indirect = section.getByTestId('indirect-effect');
    const estimateRow = indirect.getByRole('row', { name: /^Estimate/ });
    expectShown(numbersIn(await text(estimateRow.locator('td')))[0], innov.indirect.estimate, 4);
    const bcaRow = indirect.getByRole('row', { name: /95 % BCa interval/ });
    const [lower, upper] = numbersIn(await text(bcaRow.locator('td')));
    expectShown(lower, bootstrap.bca[0], 4);
    expectShown(upper, bootstrap.bca[1], 4);
    expect(await text(indirect)).toContain('Bootstrap SE (400 reps, 0 failed)');

    const histogram = section.getByTestId('bootstrap-histogram');
    await histogram.waitFor();
    expect(await histogram.getByTestId('histogram-bar').count()).toBe(bootstrap.histogram!.counts.length);
    const title = await text(histogram.locator('title'));
    expect(title).toContain('95 % BCa interval');
    const [shownEstimate, shownLower, shownUpper] = numbersIn(title.split('estimate')[1] ?? '').filter(
      (n) => n !== 95,
    );
    expectShown(shownEstimate, innov.indirect.estimate, 4);
    expectShown(shownLower, bootstrap.bca[0], 4);
    expectShown(shownUpper, bootstrap.bca[1], 4);
    // The shaded interval lies under the bars and has a width; the estimate line is inside it.
    const band = await histogram.getByTestId('histogram-interval').boundingBox();
    const line = await histogram.getByTestId('histogram-estimate').boundingBox();
    expect(band!.width).toBeGreaterThan(0);
    expect(line!.x).toBeGreaterThanOrEqual(band!.x);
    expect(line!.x).toBeLessThanOrEqual(band!.x + band!.width);
    await portal.screenshot('mediation-result');
  });

  it('runs a single threshold and shows the LR curve with its critical value and the regime table', async () => {
    await page.goto(composerUrl);
    await page.getByLabel('Analysis', { exact: true }).selectOption('threshold');
    await page.getByLabel('Outcome (y)').selectOption('res2');
    await page.getByLabel('Threshold variable (q)').selectOption('gov');
    await page.getByLabel('Regime-dependent regressor').selectOption('dig');
    const controls = page.getByRole('group', { name: 'Controls' });
    for (const x of ['ctrl1', 'ctrl2']) {
      await controls.getByRole('checkbox', { name: x, exact: true }).check();
    }
    await page.getByLabel('Number of thresholds').selectOption('1');
    await page.getByLabel('Standard errors').selectOption('classical');
    await page.getByLabel('Bootstrap replications').fill('50');
    await page.getByLabel('Random seed').fill('3');
    expect(JSON.parse(await text(page.getByTestId('spec-preview')))).toMatchObject({
      kind: 'threshold',
      y: 'res2',
      x: ['ctrl1', 'ctrl2'],
      regimeVariable: 'dig',
      thresholdVariable: 'gov',
      thresholds: 1,
      trim: 0.05,
      grid: 'all',
      vcov: 'classical',
      bootstrap: { reps: 50, seed: 3 },
    });
    await page.getByRole('button', { name: 'Run analysis' }).click();

    const id = await openedAnalysisId();
    const analysis = await settled(id, 'succeeded');
    const result = analysis.result;
    if (result?.kind !== 'threshold') throw new Error(`expected a threshold result, got ${result?.kind}`);
    expect(result.thresholds).toHaveLength(1);
    const [threshold] = result.thresholds;
    const [test] = result.tests;

    const regimes = page.getByTestId('threshold-regimes');
    await regimes.waitFor();
    const row = regimes.getByTestId('threshold-row');
    expect(await row.count()).toBe(1);
    const cells = row.locator('td');
    expectShown(numbersIn(await text(cells.nth(0)))[0], threshold!.estimate, 4);
    const [ciLower, ciUpper] = numbersIn(await text(cells.nth(1)));
    expectShown(ciLower, threshold!.ci[0], 4);
    expectShown(ciUpper, threshold!.ci[1], 4);
    expect(await text(cells.nth(2))).toBe(test!.hypothesis);
    expectShown(numbersIn(await text(cells.nth(3)))[0], test!.F, 3);
    // Hansen's bootstrap p (share of replications with F* ≥ F) and the replications it rests on.
    expect(test!.p).toBeDefined();
    const draws = test!.reps! - (test!.failed ?? 0);
    expect(test!.reps).toBe(50);
    const shownP = await text(cells.nth(4));
    expect(shownP.endsWith(` (${draws} reps)`)).toBe(true);
    if (test!.p === 0) expect(shownP).toBe(`<${(1 / draws).toFixed(3)}${stars(1 / draws)} (${draws} reps)`);
    else expectShown(numbersIn(shownP)[0], test!.p!, 3);
    const critical = numbersIn(await text(cells.nth(5)));
    (['0.10', '0.05', '0.01'] as const).forEach((level, i) =>
      expectShown(critical[i], test!.crit![level]!, 2),
    );

    // Slopes by regime: the regime variable below and above γ̂, bounds from the estimate.
    for (const [term, coefficient] of Object.entries(result.coefficients)) {
      const termRow = regimes.locator(`[data-term="${term}"]`);
      expectShown(numbersIn(await text(termRow.locator('td').first()))[0], coefficient.estimate, 4);
    }
    expect(await text(regimes.locator('[data-term="dig@r1"] th'))).toBe(
      `dig, regime 1 (gov ≤ ${threshold!.estimate.toFixed(3)})`,
    );
    expect(await text(regimes.locator('[data-term="dig@r2"] th'))).toBe(
      `dig, regime 2 (gov > ${threshold!.estimate.toFixed(3)})`,
    );

    const plot = page.getByTestId('threshold-lr-plot');
    await plot.waitFor();
    expect(result.lrCritical).toBeDefined();
    expect(await text(plot)).toContain(`95 % critical value ${result.lrCritical!.toFixed(2)}`);
    expect(await plot.getByTestId('lr-critical').count()).toBe(1);
    const curve = (await plot.getByTestId('lr-curve').getAttribute('points')) ?? '';
    expect(curve.split(' ')).toHaveLength(result.lrCurve.filter((p) => Number.isFinite(p.lr)).length);
    // The critical-value line is horizontal and above the curve's minimum (LR(γ̂) = 0 at the bottom).
    const criticalLine = await plot.getByTestId('lr-critical').boundingBox();
    const estimateLine = await plot.getByTestId('lr-estimate').boundingBox();
    expect(criticalLine!.height).toBeLessThan(4);
    expect(criticalLine!.y).toBeGreaterThan(estimateLine!.y);
    expect(criticalLine!.y).toBeLessThan(estimateLine!.y + estimateLine!.height);
    await portal.screenshot('threshold-result');
  });

  it('runs a heterogeneity analysis by a median split and shows the group comparison with its tests', async () => {
    await page.goto(composerUrl);
    await page.getByLabel('Analysis', { exact: true }).selectOption('heterogeneity');
    await page.getByLabel('Outcome (y)').selectOption('res');
    const regressors = page.getByRole('group', { name: 'Regressors' });
    for (const x of ['dig', 'ctrl1']) {
      await regressors.getByRole('checkbox', { name: x, exact: true }).check();
    }
    await page.getByLabel('Groups').selectOption('median');
    await page.getByLabel('Split at the median of').selectOption('gov');
    await page.getByLabel('Median', { exact: true }).selectOption('pooled');
    const tested = page.getByRole('group', { name: /Coefficients to compare/ });
    await tested.getByRole('checkbox', { name: 'dig', exact: true }).check();
    await page.getByLabel('Fixed effects').selectOption('unit');
    await page.getByLabel('Permutations').fill('200');
    await page.getByLabel('Random seed').fill('11');
    expect(JSON.parse(await text(page.getByTestId('spec-preview')))).toMatchObject({
      kind: 'heterogeneity',
      y: 'res',
      x: ['dig', 'ctrl1'],
      effects: 'unit',
      groupBy: { median: 'gov', within: 'pooled' },
      test: { coefficients: ['dig'], permutation: { reps: 200, seed: 11 }, suest: true, interaction: true },
    });
    await page.getByRole('button', { name: 'Run analysis' }).click();

    const id = await openedAnalysisId();
    const analysis = await settled(id, 'succeeded');
    const result = analysis.result;
    if (result?.kind !== 'heterogeneity') throw new Error(`expected heterogeneity, got ${result?.kind}`);
    expect(result.groups).toHaveLength(2);

    const comparison = page.getByTestId('group-comparison');
    await comparison.waitFor();
    const headers = await comparison.locator('table').first().locator('thead th').allTextContents();
    expect(headers).toEqual(['Term', ...result.groups.map((g) => g.group)]);
    for (const term of ['dig', 'ctrl1']) {
      const cells = comparison.locator(`table:first-of-type [data-term="${term}"] td`);
      for (const [i, group] of result.groups.entries()) {
        const coefficient = group.coefficients[term]!;
        const [estimate, se] = numbersIn(await text(cells.nth(i)));
        expectShown(estimate, coefficient.estimate, 4);
        expectShown(se, coefficient.se!, 4);
      }
    }

    const differences = page.getByTestId('group-differences');
    expect(result.differences.length).toBeGreaterThan(0);
    expect(await differences.locator('tbody tr').count()).toBe(result.differences.length);
    for (const [i, d] of result.differences.entries()) {
      expect(d.coefficient).toBe('dig');
      const cells = differences.locator('tbody tr').nth(i).locator('td');
      expect(await text(cells.nth(0))).toBe(`${d.group} − ${d.reference}`);
      expectShown(numbersIn(await text(cells.nth(1)))[0], d.estimate, 4);
      const permutation = await text(cells.nth(2));
      expect(d.permutation).toBeDefined();
      expect(permutation).toContain(`(${d.permutation!.reps - d.permutation!.failed} perm.)`);
      expectShown(numbersIn(permutation)[0], d.permutation!.p, 3);
      expect(d.suest).toBeDefined();
      expectShown(numbersIn(await text(cells.nth(3)))[0], d.suest!.stat, 3);
      expect(d.interaction).toBeDefined();
      expectShown(numbersIn(await text(cells.nth(4)))[0], d.interaction!.estimate, 4);
    }
    await portal.screenshot('heterogeneity-result');
  });

  it('shows the progress of a long bootstrap with the time left and cancels it', async () => {
    await page.goto(composerUrl);
    await page.getByLabel('Analysis', { exact: true }).selectOption('mediation');
    await page.getByLabel('Outcome (y)').selectOption('res');
    await page.getByLabel('Treatment', { exact: true }).selectOption('dig');
    const mediators = page.getByRole('group', { name: 'Mediators (each on its own)' });
    for (const m of ['innov', 'indus']) {
      await mediators.getByRole('checkbox', { name: m, exact: true }).check();
    }
    await page.getByLabel('Bootstrap replications').fill('100000');
    await page.getByRole('button', { name: 'Run analysis' }).click();

    const id = await openedAnalysisId();
    const progress = page.getByTestId('run-progress');
    await progress.waitFor();
    // Replications counted and the time left estimated once the first chunks are in.
    await expect
      .poll(() => text(progress.locator('.sp-progress-detail')), { timeout: 120_000, interval: 250 })
      .toMatch(/^\d+ of 100000 replications · about .+ left$/);
    const bar = progress.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+ of 100000$/);
    await portal.screenshot('long-bootstrap-running');

    const clickedAt = Date.now();
    await page.getByTestId('cancel-analysis').click();
    // "Within seconds": a generous bound for a busy 2-core machine; the time taken goes to the log.
    await page.locator('[data-testid="status-badge"][data-status="cancelled"]').waitFor({ timeout: 30_000 });
    console.info(`long bootstrap cancelled ${Date.now() - clickedAt} ms after the click`);
    await page.getByText('The analysis was cancelled.').waitFor();
    expect(await page.getByTestId('run-progress').count()).toBe(0);
    const analysis = await fetchAnalysis(id);
    expect(analysis.status).toBe('cancelled');
    expect(analysis.result ?? undefined).toBeUndefined();
    await portal.screenshot('long-bootstrap-cancelled');
  });
});
