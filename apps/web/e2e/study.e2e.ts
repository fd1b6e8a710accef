import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isTerminalStatus, minStudyCities, sampleDatasetName, type StudyView } from '@spillover/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/stack.mjs';
import { startPortal, type PortalRun } from './portal-harness.js';

/**
 * The study template in the portal: sign up, run a quick study of the digital-economy → resilience
 * template on the smallest simulated panel the API allows, follow its steps on /studies/[id] to success
 * (every step linked to its analysis), open the report, follow a table's link to its analysis, download
 * a table, and add the sample demo dataset to the team; then start a full study, watch its running
 * steps' progress bars and cancel it. The page is checked against GET /api/studies/:id.
 */

const resultsDir = join(repoRoot, 'apps', 'web', 'test-results', 'study');
const run = randomBytes(4).toString('hex');
/** A quick study queues 15 analyses on a 2-core machine next to other work: allow it many minutes. */
const studyTimeoutMs = 15 * 60_000;
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let portal: PortalRun;
let page: Page;
let studyId: string;

beforeAll(async () => {
  portal = await startPortal({ label: 'study', run, resultsDir });
  ({ page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

async function fetchStudy(id: string): Promise<StudyView> {
  const response = await page.request.get(`/api/studies/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as StudyView;
}

/** data-step → data-status of every step the page lists. */
async function stepStatuses(): Promise<Record<string, string>> {
  return Object.fromEntries(
    await page
      .getByTestId('study-step')
      .evaluateAll((items) => items.map((i) => [i.getAttribute('data-step'), i.getAttribute('data-status')])),
  ) as Record<string, string>;
}

describe('study template in the portal', () => {
  const email = `e2e-study-${run}@example.org`;
  const password = 'correct horse battery';

  it('signs up and logs in', async () => {
    await page.goto('/signup');
    await page.getByLabel('Name', { exact: true }).fill('Study Researcher');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Team name (optional)').fill('Resilience Lab');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/login\?/);
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resilience Lab' }).waitFor();
  });

  it('starts a quick study from the studies page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studies' }).click();
    await page.waitForURL('**/studies');
    await page.getByText('No studies yet').waitFor();
    expect(await page.getByTestId('simulated-data-note').textContent()).toContain('The data are simulated');
    expect(await page.getByLabel('Template', { exact: true }).inputValue()).toBe('digital-resilience');
    await page.getByLabel('Seed', { exact: true }).fill('3');
    await page.getByLabel('Number of cities (optional)').fill(String(minStudyCities));
    await page.getByLabel('Quick run', { exact: true }).check();
    await portal.screenshot('study-form');
    await page.getByRole('button', { name: 'Run the study' }).click();

    await page.waitForURL(new RegExp(`/studies/${uuid}$`));
    studyId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('study-status').waitFor();
    const study = await fetchStudy(studyId);
    expect(study.options).toEqual({ seed: 3, quick: true, cities: minStudyCities });
    expect(await page.getByTestId('study-progress-bar').count()).toBe(1);
  });

  it(
    'follows every step to success and links each to its analysis',
    async () => {
      // What the page showed while the study ran: how many steps had succeeded at each look.
      const succeededCounts = new Set<number>();
      const startedAt = Date.now();
      const deadline = startedAt + studyTimeoutMs;
      const seen: string[] = [];
      for (;;) {
        const status = await page.getByTestId('study-status').getAttribute('data-status');
        const steps = await stepStatuses();
        const succeeded = Object.values(steps).filter((s) => s === 'succeeded').length;
        if (!succeededCounts.has(succeeded)) {
          seen.push(`${succeeded} succeeded at ${Date.now() - startedAt} ms`);
        }
        succeededCounts.add(succeeded);
        if (status === 'succeeded') break;
        expect(status, JSON.stringify(steps)).not.toMatch(/failed|cancelled/);
        expect(Date.now()).toBeLessThan(deadline);
        await page.waitForTimeout(250);
      }
      // The page showed the study before it was done (a quick study of 20 cities can take about a second).
      console.log(`study steps on the page: ${seen.join('; ')}`);
      expect(Math.min(...succeededCounts)).toBeLessThan(20);

      const study = await fetchStudy(studyId);
      expect(study.status).toBe('succeeded');
      expect(study.steps).toHaveLength(19);
      const steps = await stepStatuses();
      expect(Object.keys(steps)).toEqual([...study.steps.map((s) => s.stepId), 'report']);
      expect(Object.values(steps).every((s) => s === 'succeeded')).toBe(true);
      for (const s of study.steps) {
        const link = page.locator(`[data-testid="study-step"][data-step="${s.stepId}"] a`);
        expect(await link.getAttribute('href')).toBe(`/analyses/${s.analysisId}`);
      }
      expect(await page.locator('[data-phase="measurement"] [data-testid="study-step"]').count()).toBe(4);
      expect(await page.locator('[data-phase="estimation"] [data-testid="study-step"]').count()).toBe(15);
      expect(await page.getByTestId('cancel-study').count()).toBe(0);
      await portal.screenshot('study-succeeded');
    },
    studyTimeoutMs + 60_000,
  );

  it('shows the report, downloads a table and opens a table’s analysis from the report', async () => {
    const study = await fetchStudy(studyId);
    expect(study.report.available).toBe(true);
    expect(study.report.tables.length).toBeGreaterThan(0);

    const table = study.report.tables[0]!;
    const row = page.locator(`[data-table="${table.id}"]`);
    const tex = await page.request.get((await row.getByTestId('table-tex').getAttribute('href'))!);
    expect(tex.status()).toBe(200);
    expect(await tex.text()).toContain('\\begin{tabular}');
    const csv = await page.request.get((await row.getByTestId('table-csv').getAttribute('href'))!);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n').length).toBeGreaterThan(2);

    const report = page.frameLocator('[data-testid="study-report"]');
    const links = report.locator('a[href^="/analyses/"]');
    await links.first().waitFor();
    const analysisIds = new Set(study.steps.map((s) => s.analysisId));
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    // Every analysis link of the report is one of the study's analyses.
    for (const href of hrefs) expect(analysisIds.has(href.replace('/analyses/', ''))).toBe(true);
    // …and each of them is linked (the report's list of steps links every step).
    expect(new Set(hrefs).size).toBe(study.steps.length);
    await page.getByTestId('study-report').scrollIntoViewIfNeeded();
    await portal.screenshot('study-report');

    // A table of the report (figure.table): its caption or a column header links the analysis.
    const tableLink = report.locator('figure.table a[href^="/analyses/"]').first();
    const target = (await tableLink.getAttribute('href'))!;
    expect(analysisIds.has(target.replace('/analyses/', ''))).toBe(true);
    await tableLink.click();
    await page.waitForURL((url) => url.pathname === target);
    await page.locator('[data-testid="status-badge"][data-status="succeeded"]').waitFor();
    await portal.screenshot('study-table-analysis');
  });

  it('lists the study and adds the sample dataset to the team', async () => {
    await page.goto('/studies');
    const listed = page.locator(`[data-study="${studyId}"]`);
    await listed.getByTestId('status-badge').waitFor();
    expect(await listed.getByTestId('status-badge').getAttribute('data-status')).toBe('succeeded');

    await page.getByTestId('add-sample-dataset').click();
    await page.getByTestId('sample-dataset-added').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('sample-dataset-added').textContent()).toContain(sampleDatasetName);
    await portal.screenshot('sample-dataset-added');

    await page.goto('/');
    const datasets = page.getByTestId('datasets-table');
    await datasets.getByRole('link', { name: sampleDatasetName, exact: true }).waitFor();
    await portal.screenshot('datasets-with-sample');
  }, 240_000);

  it('follows a full study’s running steps and cancels it', async () => {
    await page.goto('/studies');
    await page.getByLabel('Quick run', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Run the study' }).click();
    await page.waitForURL(new RegExp(`/studies/${uuid}$`));
    const fullId = new URL(page.url()).pathname.split('/').pop()!;

    // Every city, 500 bootstrap replications and 1,000 impact draws: its steps run long enough to watch.
    const running = page.locator(
      '[data-phase="estimation"] [data-testid="study-step"][data-status="running"]',
    );
    await running.first().waitFor({ timeout: 180_000 });
    await page.locator('[data-phase="estimation"] [data-testid="step-progress"]').first().waitFor();
    expect(await page.getByTestId('study-status').getAttribute('data-status')).toBe('running');
    await portal.screenshot('study-running');

    await page.getByTestId('cancel-study').click();
    await page.locator('[data-testid="study-status"][data-status="cancelled"]').waitFor();
    await page.getByText('The study was cancelled.').waitFor();
    expect(await page.getByTestId('cancel-study').count()).toBe(0);
    expect(await page.getByTestId('study-progress').textContent()).toMatch(/\d+ not run/);
    const study = await fetchStudy(fullId);
    expect(study.status).toBe('cancelled');
    expect(study.report.available).toBe(false);
    await expect
      .poll(async () => (await fetchStudy(fullId)).steps.filter((s) => !isTerminalStatus(s.status)).length, {
        timeout: 60_000,
      })
      .toBe(0);
    await portal.screenshot('study-cancelled');
  }, 300_000);
});
