import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/stack.mjs';
import { startPortal, type PortalRun } from './portal-harness.js';

/**
 * The research portal end to end: sign up, log in, upload the Produc panel, read its validation report,
 * compose a two-way fixed-effects regression with clustered standard errors, follow it to its result and
 * compare the coefficient shown with the reference (../shared/fixtures/produc, case fe-twoways-cluster).
 * Then the spatial flow: upload the Produc weights W.csv, fit a two-way spatial Durbin model with effects
 * (case sdm-twoways), Moran's I of lgsp by period (case moran-lgsp) with its chart and scatter plot, and a
 * two-way dynamic spatial Durbin model with short- and long-run effects (case sdpd-dsdm-twoways).
 */

const fixtures = join(repoRoot, '..', 'shared', 'fixtures');
const panelPath = join(fixtures, 'produc', 'panel.csv');
const weightsPath = join(fixtures, 'produc', 'W.csv');
const resultsDir = join(repoRoot, 'apps', 'web', 'test-results');
const run = randomBytes(4).toString('hex');

let portal: PortalRun;
let page: Page;

beforeAll(async () => {
  portal = await startPortal({ label: 'portal', run, resultsDir });
  ({ page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

describe('research portal', () => {
  const email = `e2e-${run}@example.org`;
  const password = 'correct horse battery';

  it('signs up and logs in', async () => {
    await page.goto('/signup');
    await page.getByLabel('Name', { exact: true }).fill('E2E Researcher');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Team name (optional)').fill('Resilience Lab');
    await portal.screenshot('signup');
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.waitForURL(/\/login\?/);
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Password').fill(password);
    await portal.screenshot('login');
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Resilience Lab' }).waitFor();
    await page.getByText('No datasets yet').waitFor();
    await portal.screenshot('dashboard-empty');
  });

  it('uploads the Produc panel and shows its validation report', async () => {
    await page.getByRole('link', { name: 'Upload dataset' }).first().click();
    await page.waitForURL('**/datasets/new');
    await page.getByLabel('CSV file').setInputFiles(panelPath);
    // The header is read in the browser and the unit and time columns are guessed from it.
    await expect.poll(() => page.getByLabel('Unit column').inputValue()).toBe('state');
    expect(await page.getByLabel('Time column').inputValue()).toBe('year');
    await page.getByLabel('Unit column').selectOption('state');
    await page.getByLabel('Time column').selectOption('year');
    await portal.screenshot('upload-form');
    await page.getByRole('button', { name: 'Upload and validate' }).click();

    await page.getByTestId('validation-report').waitFor();
    expect(await page.getByTestId('report-rows').textContent()).toBe('816');
    expect(await page.getByTestId('report-units').textContent()).toBe('48');
    expect(await page.getByTestId('report-periods').textContent()).toBe('17');
    expect(await page.getByTestId('report-balanced').textContent()).toBe('Balanced');
    await portal.screenshot('upload-report');
  });

  it('composes a two-way FE regression with clustered SEs and shows the reference estimate', async () => {
    await page.getByRole('link', { name: 'New regression' }).click();
    await page.waitForURL(/\/analyses\/new\?datasetId=/);
    await page.getByLabel('Dependent variable (y)').selectOption('lgsp');
    for (const x of ['lpcap', 'lpc', 'lemp', 'unemp']) {
      await page.getByRole('checkbox', { name: x, exact: true }).check();
    }
    await page.getByLabel('Model').selectOption('fe');
    await page.getByLabel('Effects').selectOption('twoways');
    await page.getByLabel('Standard errors').selectOption('cluster');
    expect(JSON.parse((await page.getByTestId('spec-preview').textContent()) ?? '')).toEqual({
      kind: 'regression',
      unit: 'state',
      time: 'year',
      y: 'lgsp',
      x: ['lpcap', 'lpc', 'lemp', 'unemp'],
      model: 'fe',
      effects: 'twoways',
      vcov: 'cluster',
    });
    await portal.screenshot('regression-form');
    await page.getByRole('button', { name: 'Run regression' }).click();

    await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
    await page.getByTestId('status-badge').waitFor();
    const firstStatus = await page.getByTestId('status-badge').getAttribute('data-status');
    await portal.screenshot(`analysis-${firstStatus}`);

    await page.locator('[data-testid="status-badge"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('result-table').waitFor();
    await portal.screenshot('analysis-result');

    // Terms in the order of the spec, whatever the order of the stored result's keys.
    expect(
      await page.locator('[data-term]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-term'))),
    ).toEqual(['lpcap', 'lpc', 'lemp', 'unemp']);
    // Reference: plm within twoways + Stata-style cluster SEs, lpcap = -0.030176 (SE 0.058240).
    const lpcap = page.locator('[data-term="lpcap"]');
    expect(await lpcap.getByTestId('estimate').textContent()).toBe('-0.0302');
    expect(await lpcap.getByTestId('se').textContent()).toBe('(0.0582)');
    expect(await page.locator('[data-statistic="nobs"] td').textContent()).toBe('816');
    expect(await page.getByTestId('result-table').textContent()).toContain('*** p<0.01');
  });

  it('lists the analysis on the dashboard', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('analyses-table').waitFor();
    expect(
      await page.getByTestId('analyses-table').getByTestId('status-badge').getAttribute('data-status'),
    ).toBe('succeeded');
    await portal.screenshot('dashboard');
  });

  it('names the row of a duplicate unit-period', async () => {
    // Header (line 1), five ALABAMA years (lines 2-6), then 1971 again on line 7.
    const lines = (await readFile(panelPath, 'utf8')).split(/\r?\n/);
    const duplicatePath = join(resultsDir, 'duplicate-row.csv');
    writeFileSync(duplicatePath, [...lines.slice(0, 6), lines[2], ''].join('\n'));

    await page.goto('/datasets/new');
    await page.getByLabel('CSV file').setInputFiles(duplicatePath);
    await expect.poll(() => page.getByLabel('Unit column').inputValue()).toBe('state');
    await page.getByRole('button', { name: 'Upload and validate' }).click();

    const error = page.getByTestId('error-message');
    await error.waitFor();
    expect(await error.textContent()).toContain('DUPLICATE_ROW');
    expect(await error.getByTestId('error-row').textContent()).toBe('7');
    expect(await error.getByTestId('error-unit').textContent()).toBe('ALABAMA');
    expect(await page.getByTestId('validation-report').count()).toBe(0);
    await portal.screenshot('upload-duplicate-row');
  });

  it('uploads the Produc weights, refuses a bad matrix naming its units, builds economic weights', async () => {
    await page.getByRole('link', { name: 'Weights', exact: true }).click();
    await page.waitForURL('**/weights');
    await page.getByText('No weights yet').waitFor();
    await page.getByRole('link', { name: 'Add weights' }).click();
    await page.waitForURL('**/weights/new');
    await page.getByLabel('Weights file').setInputFiles(weightsPath);
    expect(await page.getByLabel('Weights name').inputValue()).toBe('W.csv');
    await page.getByRole('button', { name: 'Upload weights' }).click();

    await page.getByTestId('weights-summary').waitFor();
    expect(await page.getByTestId('weights-units').textContent()).toBe('48');
    // 214 links among 48 states: 1 to 8 neighbours, 4.46 on average; contiguity is symmetric; no islands.
    expect(await page.getByTestId('weights-neighbours').textContent()).toBe('1 / 4.46 / 8');
    expect(await page.getByTestId('weights-symmetric').textContent()).toBe('Yes');
    expect(await page.getByTestId('weights-island-count').textContent()).toBe('0');
    await portal.screenshot('weights-uploaded');

    // A matrix where two states neighbour themselves is refused, naming them.
    const rows = (await readFile(weightsPath, 'utf8')).trim().split(/\r?\n/);
    const selfLinked = rows.map((line, i) => {
      if (i < 1 || i > 2) return line;
      const cells = line.split(',');
      cells[i] = '1';
      return cells.join(',');
    });
    const badPath = join(resultsDir, 'W-self-neighbours.csv');
    writeFileSync(badPath, `${selfLinked.join('\n')}\n`);
    await page.getByLabel('Weights file').setInputFiles(badPath);
    await page.getByRole('button', { name: 'Upload weights' }).click();
    const error = page.getByTestId('error-message');
    await error.waitFor();
    expect(await error.textContent()).toContain('INVALID_WEIGHTS');
    expect(await error.getByTestId('error-units').textContent()).toBe('ALABAMA, ARIZONA');
    expect(await page.getByTestId('weights-summary').count()).toBe(0);
    await portal.screenshot('weights-error');

    // Economic distance from the panel itself: w_ij = 1/|mean lgsp_i − mean lgsp_j|, every pair linked.
    await page.getByLabel('Build from a dataset').check();
    await page.getByLabel('Method').selectOption('economic');
    await page.getByLabel('Economic variable').selectOption('lgsp');
    await page.getByLabel('Weights name').fill('economic-lgsp');
    await page.getByRole('button', { name: 'Build weights' }).click();
    await page.getByTestId('weights-summary').waitFor();
    expect(await page.getByTestId('weights-neighbours').textContent()).toBe('47 / 47 / 47');
    expect(await page.getByTestId('weights-symmetric').textContent()).toBe('Yes');
    await portal.screenshot('weights-built');

    await page.getByRole('link', { name: 'Weights', exact: true }).click();
    await page.getByTestId('weights-table').waitFor();
    expect(await page.locator('[data-weights="W.csv"] td').nth(1).textContent()).toBe('48');
    expect(await page.locator('[data-weights="economic-lgsp"] td').first().textContent()).toBe(
      'economic distance (variable lgsp) from panel v1',
    );
    await portal.screenshot('weights-list');
  });

  it('fits a two-way spatial Durbin model and shows ρ and the effects of the reference', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('datasets-table').getByRole('link', { name: 'panel' }).click();
    await page.getByRole('link', { name: 'New regression' }).click();
    await page.waitForURL(/\/analyses\/new\?datasetId=/);
    await page.getByLabel('Dependent variable (y)').selectOption('lgsp');
    for (const x of ['lpcap', 'lpc', 'lemp', 'unemp']) {
      await page.getByRole('checkbox', { name: x, exact: true }).check();
    }
    await page.getByLabel('Model', { exact: true }).selectOption('sdm');
    await page.getByLabel('Effects', { exact: true }).selectOption('twoways');
    await page.getByLabel('Spatial weights (W)').selectOption({ label: 'W.csv v1 (48 units)' });
    const spec = JSON.parse((await page.getByTestId('spec-preview').textContent()) ?? '');
    expect(spec).toEqual({
      kind: 'regression',
      unit: 'state',
      time: 'year',
      y: 'lgsp',
      x: ['lpcap', 'lpc', 'lemp', 'unemp'],
      model: 'sdm',
      effects: 'twoways',
      weights: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), style: 'row' },
      vcov: 'classical',
      impacts: { draws: 1000, seed: 1 },
    });
    await portal.screenshot('sdm-form');
    await page.getByRole('button', { name: 'Run regression' }).click();

    await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="status-badge"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('spatial-result').waitFor();
    // Reference (splm spml within twoways): rho = 0.36885 (SE 0.04041); W*lemp = -0.27940.
    const rho = page.locator('[data-term="rho"]');
    expect(await rho.getByTestId('estimate').textContent()).toBe('0.3688');
    expect(await rho.getByTestId('se').textContent()).toBe('(0.0404)');
    expect(await rho.locator('th').textContent()).toBe('ρ spatial lag of y (W*lgsp)');
    expect(await page.locator('[data-term="W*lemp"]').getByTestId('estimate').textContent()).toBe('-0.2794');
    expect(await page.locator('[data-statistic="logLik"] td').textContent()).toBe('1680.4735');
    // Effects: exact estimates (direct lpc 0.16731, total lemp 0.74661); simulated SEs vary with the draws.
    const effects = page.getByTestId('effects-table');
    const lpc = effects.locator('[data-term="lpc"] td');
    expect(await lpc.nth(0).getByTestId('estimate').textContent()).toBe('0.1673');
    expect(await effects.locator('[data-term="lemp"] td').nth(2).getByTestId('estimate').textContent()).toBe(
      '0.7466',
    );
    expect(await effects.locator('thead').textContent()).toBe('TermDirectIndirectTotal');
    await portal.screenshot('sdm-result');
  });

  it("computes Moran's I of lgsp by period with its chart and scatter plot", async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('datasets-table').getByRole('link', { name: 'panel' }).click();
    await page.getByRole('link', { name: "Moran's I" }).click();
    await page.waitForURL(/\/analyses\/new-moran\?datasetId=/);
    await page.getByLabel('Variable').selectOption('lgsp');
    await page.getByLabel('Spatial weights (W)').selectOption({ label: 'W.csv v1 (48 units)' });
    await portal.screenshot('moran-form');
    await page.getByRole('button', { name: "Compute Moran's I" }).click();

    await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="status-badge"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('moran-chart').waitFor();
    // Reference (spdep moran.test, randomisation): I(1970) = 0.22435, E[I] = -1/47.
    expect(await page.locator('[data-period="1970"] [data-testid="moran-i"]').textContent()).toBe('0.2243');
    expect(await page.getByTestId('moran-point').count()).toBe(17);
    expect(
      await page.locator('[data-testid="moran-point"][data-time="1970"]').getAttribute('data-significant'),
    ).toBe('true');
    const scatter = page.getByTestId('moran-scatter');
    expect(await scatter.getAttribute('data-time')).toBe('1986');
    expect(await scatter.getByTestId('scatter-point').count()).toBe(48);
    for (const quadrant of ['HH', 'LH', 'LL', 'HL']) {
      expect(await scatter.getByTestId(`quadrant-${quadrant}`).textContent()).toMatch(
        new RegExp(`^${quadrant} · \\d+$`),
      );
    }
    // With row-standardised W the fitted slope is Moran's I of the period (1986: 0.18579).
    expect(Number(await scatter.getByTestId('scatter-line').getAttribute('data-slope'))).toBeCloseTo(
      0.18579,
      4,
    );
    await page.getByLabel('Period of the scatter plot').selectOption('1970');
    expect(await page.getByTestId('moran-scatter').getAttribute('data-time')).toBe('1970');
    expect(Number(await page.getByTestId('scatter-line').getAttribute('data-slope'))).toBeCloseTo(0.22435, 4);
    await portal.screenshot('moran-result');
  });

  it('fits a dynamic spatial Durbin model and names its lags, with short- and long-run effects side by side', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('datasets-table').getByRole('link', { name: 'panel' }).click();
    await page.getByRole('link', { name: 'New regression' }).click();
    await page.waitForURL(/\/analyses\/new\?datasetId=/);
    await page.getByLabel('Dependent variable (y)').selectOption('lgsp');
    for (const x of ['lpcap', 'lpc', 'lemp', 'unemp']) {
      await page.getByRole('checkbox', { name: x, exact: true }).check();
    }
    await page.getByLabel('Model', { exact: true }).selectOption('dsdm');
    await page.getByLabel('Effects', { exact: true }).selectOption('twoways');
    await page.getByLabel('Spatial weights (W)').selectOption({ label: 'W.csv v1 (48 units)' });
    expect(await page.getByLabel('Time lag of y (L.lgsp)').isChecked()).toBe(true);
    expect(await page.getByLabel('Spatial-time lag (W*L.lgsp)').isChecked()).toBe(true);
    const spec = JSON.parse((await page.getByTestId('spec-preview').textContent()) ?? '');
    expect(spec).toMatchObject({
      model: 'dsdm',
      effects: 'twoways',
      dynamic: { timeLag: true, spaceTimeLag: true },
    });
    await portal.screenshot('dsdm-form');
    await page.getByRole('button', { name: 'Run regression' }).click();

    await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="status-badge"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('spatial-result').waitFor();
    // Reference (SDPDmod SDPDm, no Lee-Yu, twoways): tau = 0.78887, eta = -0.40138, rho = 0.47898.
    const tau = page.locator('[data-term="L.lgsp"]');
    expect(await tau.locator('th').textContent()).toBe('τ time lag of y (L.lgsp)');
    expect(await tau.getByTestId('estimate').textContent()).toBe('0.7889');
    const eta = page.locator('[data-term="W*L.lgsp"]');
    expect(await eta.locator('th').textContent()).toBe('η spatial-time lag (W*L.lgsp)');
    expect(await eta.getByTestId('estimate').textContent()).toBe('-0.4014');
    expect(await page.locator('[data-term="rho"]').getByTestId('estimate').textContent()).toBe('0.4790');
    expect(await page.getByTestId('dynamic-terms-note').textContent()).toMatch(
      /“tournament” effect.*“backflow”/,
    );
    expect(await page.getByTestId('stability').getAttribute('data-stable')).toBe('true');
    // Effects: short-run direct lpcap -0.05455, long-run total lpcap -0.44628 (exact; SEs are simulated).
    const shortRun = page.getByTestId('effects-short-run');
    const longRun = page.getByTestId('effects-long-run');
    expect(
      await shortRun.locator('[data-term="lpcap"] td').nth(0).getByTestId('estimate').textContent(),
    ).toBe('-0.0545');
    expect(await longRun.locator('[data-term="lpcap"] td').nth(2).getByTestId('estimate').textContent()).toBe(
      '-0.4463',
    );
    const [shortBox, longBox] = [await shortRun.boundingBox(), await longRun.boundingBox()];
    expect(longBox!.x).toBeGreaterThan(shortBox!.x + shortBox!.width - 1);
    expect(Math.abs(longBox!.y - shortBox!.y)).toBeLessThan(2);
    await portal.screenshot('dsdm-result');
  });
});
