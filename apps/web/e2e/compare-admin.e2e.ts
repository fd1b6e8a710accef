import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type Stack } from '../../../scripts/stack.mjs';
import { startPortal, type PortalRun } from './portal-harness.js';

/**
 * Comparing and publishing models in the portal: three regressions on Produc (pooled OLS, unit FE, two-way
 * FE) are ticked on /analyses, compared on /compare/[id] and exported as LaTeX; and the admin area refuses
 * a user who is not an administrator (the /admin page and the bull-board dashboard).
 */

const panelPath = join(repoRoot, '..', 'shared', 'fixtures', 'produc', 'panel.csv');
const resultsDir = join(repoRoot, 'apps', 'web', 'test-results', 'compare-admin');
const run = randomBytes(4).toString('hex');

let portal: PortalRun;
let stack: Stack;
let browser: Browser;
let page: Page;

const base = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
};
const models = [
  { title: 'Pooled OLS', spec: { ...base, model: 'ols', effects: 'none' } },
  { title: 'FE unit', spec: { ...base, model: 'fe', effects: 'unit' } },
  { title: 'FE two-way', spec: { ...base, model: 'fe', effects: 'twoways' } },
];

beforeAll(async () => {
  portal = await startPortal({
    label: 'compare',
    run,
    resultsDir,
    env: { ADMIN_EMAILS: 'portal-admin@example.org' },
  });
  ({ stack, browser, page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

describe('compare and publish in the portal', () => {
  it('compares OLS, FE unit and FE two-way on Produc and exports the LaTeX table', async () => {
    // sign-up, upload and submission go through the same-origin API; the comparison through the pages
    const signup = await page.request.post('/api/auth/signup', {
      data: {
        email: `e2e-compare-${run}@example.org`,
        password: 'correct horse battery',
        name: 'Compare Researcher',
      },
    });
    expect(signup.status()).toBe(201);
    const teamId: string = (await signup.json()).teams[0].id;
    const upload = await page.request.post(
      `/api/datasets?teamId=${teamId}&name=produc&unit=state&time=year`,
      {
        data: readFileSync(panelPath),
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(upload.status()).toBe(201);
    const datasetId: string = (await upload.json()).id;
    for (const model of models) {
      const created = await page.request.post('/api/analyses', {
        data: { datasetId, spec: model.spec, title: model.title },
      });
      expect(created.status()).toBe(202);
    }
    await expect
      .poll(
        async () => {
          const list = await (
            await page.request.get(`/api/analyses?teamId=${teamId}&status=succeeded`)
          ).json();
          return list.length;
        },
        { timeout: 120_000, interval: 500 },
      )
      .toBe(3);

    await page.goto('/analyses');
    await page.getByTestId('analyses-list').waitFor();
    for (const model of models) await page.getByRole('checkbox', { name: `Select ${model.title}` }).check();
    await page.getByTestId('compare-button').click();
    await page.waitForURL(/\/compare\/[0-9a-f-]{36}$/);
    await page.getByTestId('comparison-table').waitFor();
    await page.getByTestId('coefficient-plot').waitFor();
    await page.screenshot({ path: join(resultsDir, '01-comparison.png'), fullPage: true });

    const lpcap = page.locator('[data-row="lpcap"]');
    expect(await lpcap.getByTestId('estimate').allTextContents()).toHaveLength(3);
    // reference: pooled OLS lpcap = 0.155007 (plm pooling, ../shared/fixtures/produc case ols-pooled)
    expect(await page.getByTestId('comparison-table').textContent()).toContain('0.1550');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-latex').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.tex$/);
    const latexPath = join(resultsDir, download.suggestedFilename());
    await download.saveAs(latexPath);
    const latex = readFileSync(latexPath, 'utf8');
    for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(latex).toContain(rule);
    expect(latex).toMatch(/^lpcap & 0\.1550\$\^\{\*\*\*\}\$ & /m);
  });

  it('refuses /admin and the queue dashboard to a user who is not an administrator', async () => {
    await page.goto('/admin');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('forbidden').textContent()).toContain('only platform administrators');
    await page.screenshot({ path: join(resultsDir, '02-admin-forbidden.png'), fullPage: true });
    expect((await page.request.get('/api/admin/queues')).status()).toBe(403);
    expect((await page.request.get('/api/admin/overview')).status()).toBe(403);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
  });

  it('lets an administrator (ADMIN_EMAILS) see the queues and open the dashboard', async () => {
    const admin = await browser.newContext({ baseURL: stack.webUrl, viewport: { width: 1280, height: 900 } });
    const adminPage = await admin.newPage();
    const signup = await adminPage.request.post('/api/auth/signup', {
      data: { email: 'portal-admin@example.org', password: 'correct horse battery', name: 'Portal Admin' },
    });
    expect((await signup.json()).user.isAdmin).toBe(true);
    await adminPage.goto('/admin');
    await adminPage.getByTestId('queues-table').waitFor();
    expect(await adminPage.locator('[data-queue="estimation"]').count()).toBe(1);
    await adminPage.screenshot({ path: join(resultsDir, '03-admin.png'), fullPage: true });
    const dashboard = await adminPage.request.get('/api/admin/queues');
    expect(dashboard.status()).toBe(200);
    expect(await dashboard.text()).toContain('<base href="/api/admin/queues/" />');
    await admin.close();
  });
});
