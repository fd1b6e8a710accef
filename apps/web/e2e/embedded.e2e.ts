import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { minStudyCities, type StudyView } from '@spillover/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/stack.mjs';
import { signUpAndLogIn, startPortal, type PortalRun } from './portal-harness.js';

/**
 * The portal on the embedded platform (no PostgreSQL, no Redis: PGlite in a temporary folder, jobs in
 * the api process): a researcher signs up, adds the sample dataset and runs the study template to its
 * linked report, all from the browser.
 */

const resultsDir = join(repoRoot, 'apps', 'web', 'test-results', 'embedded');
const run = randomBytes(4).toString('hex');

let portal: PortalRun;
let page: Page;

beforeAll(async () => {
  portal = await startPortal({
    label: 'embedded',
    run,
    resultsDir,
    mode: 'embedded',
    // nothing may be read from these in embedded mode
    env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' },
  });
  ({ page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

describe('the portal in embedded mode', () => {
  it('runs on the embedded api', async () => {
    const health = await page.request.get('/api/health');
    expect(await health.json()).toMatchObject({ ok: true, mode: 'embedded' });
    await signUpAndLogIn(page, {
      name: 'Laptop Researcher',
      email: `embedded-${run}@example.org`,
      password: 'correct horse battery',
      team: 'Laptop Lab',
    });
  });

  it('adds the sample dataset and runs the study template to its report', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studies' }).click();
    await page.waitForURL('**/studies');
    await page.getByRole('button', { name: 'Add the sample dataset' }).click();
    await page.getByTestId('sample-dataset-added').waitFor({ timeout: 60_000 });

    await page.getByLabel('Number of cities (optional)').fill(String(minStudyCities));
    await page.getByLabel('Quick run', { exact: true }).check();
    await page.getByRole('button', { name: 'Run the study' }).click();
    await page.waitForURL(/\/studies\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await expect
      .poll(() => page.getByTestId('study-status').getAttribute('data-status'), { timeout: 180_000 })
      .toBe('succeeded');
    const study = (await (await page.request.get(`/api/studies/${id}`)).json()) as StudyView;
    expect(study.steps.every((step) => step.status === 'succeeded')).toBe(true);
    expect(study.report.available).toBe(true);
    await page.frameLocator('iframe').getByText('Digital-economy agglomeration').first().waitFor();
    await portal.screenshot('study-succeeded-embedded');

    const datasets = (await (await page.request.get(`/api/datasets?teamId=${study.teamId}`)).json()) as {
      name: string;
    }[];
    expect(datasets.map((dataset) => dataset.name)).toContain('demo-digital-resilience');
  }, 240_000);
});
