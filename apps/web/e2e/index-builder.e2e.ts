import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/stack.mjs';
import { signUpAndLogIn, startPortal, uploadPanel, type PortalRun } from './portal-harness.js';

/**
 * The composite-index builder end to end: upload the entropy reference panel, choose direction and group
 * of its eight indicators, build the pooled entropy index, compare the weights shown with the reference
 * (../shared/fixtures/entropy, case entropy-pooled-visible) and open the new dataset version it saved.
 */

const entropyDir = join(repoRoot, '..', 'shared', 'fixtures', 'entropy');
const panelPath = join(entropyDir, 'panel.csv');
const reference = (
  JSON.parse(readFileSync(join(entropyDir, 'cases.json'), 'utf8')) as {
    name: string;
    spec: { indicators: { column: string; direction: '+' | '-'; group: string }[] };
    expected: { weights: Record<string, number> };
  }[]
).find((c) => c.name === 'entropy-pooled-visible')!;
const resultsDir = join(repoRoot, 'apps', 'web', 'test-results', 'index-builder');
const run = randomBytes(4).toString('hex');

let portal: PortalRun;
let page: Page;

beforeAll(async () => {
  portal = await startPortal({ label: 'index', run, resultsDir });
  ({ page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

describe('index builder', () => {
  it('signs up, logs in and uploads the entropy panel', async () => {
    await signUpAndLogIn(page, {
      name: 'Index Builder',
      email: `index-${run}@example.org`,
      password: 'correct horse battery',
    });
    await uploadPanel(page, { path: panelPath, unit: 'city', time: 'year', rows: 150 });
  });

  it('builds the pooled entropy index and shows the reference weights', async () => {
    await page.getByRole('link', { name: 'Build index' }).click();
    await page.waitForURL(/\/indices\/new\?datasetId=/);
    for (const indicator of reference.spec.indicators) {
      await page.getByLabel(`Direction of ${indicator.column}`).selectOption(indicator.direction);
      await page.getByLabel(`Group of ${indicator.column}`).selectOption(indicator.group);
    }
    expect(JSON.parse((await page.getByTestId('spec-preview').textContent()) ?? '')).toEqual({
      kind: 'entropy-index',
      unit: 'city',
      time: 'year',
      indicators: reference.spec.indicators,
      weighting: 'pooled',
      method: 'entropy',
      output: 'index',
    });
    await portal.screenshot('index-form');
    await page.getByRole('button', { name: 'Build index and save new version' }).click();

    await page.getByTestId('entropy-weights').waitFor({ timeout: 60_000 });
    for (const [indicator, weight] of Object.entries(reference.expected.weights)) {
      expect(await page.getByTestId(`weight-${indicator}`).textContent()).toBe(weight.toFixed(4));
    }
    expect(await page.getByTestId('group-weights').locator('tbody tr').count()).toBe(4);
    await page.getByTestId('score-chart').waitFor();
    expect(await page.getByTestId('score-chart').locator('[data-unit]').count()).toBe(4);
    await page.getByRole('checkbox', { name: 'city05', exact: true }).check();
    expect(await page.getByTestId('score-chart').locator('[data-unit]').count()).toBe(5);
    await page.getByTestId('derived-version').waitFor();
    await portal.screenshot('index-result');
  });

  it('opens the new dataset version with its score columns and provenance', async () => {
    await page.getByRole('link', { name: /Open .* v2/ }).click();
    await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: /v2/ }).waitFor();
    const provenance = await page.getByTestId('provenance').textContent();
    expect(provenance).toMatch(/Derived from\s*\S+ v1\s*by the entropy-index analysis/);
    expect(provenance).toContain('index_environmental');
    expect(await page.getByTestId('validation-report').textContent()).toContain('index_resource');
    await portal.screenshot('new-version');
  });
});

describe('policy texts', () => {
  it('uploads texts, edits the keywords, previews counts and saves the counts as a new version', async () => {
    const textsPath = join(resultsDir, 'work-reports.csv');
    writeFileSync(
      textsPath,
      [
        'unit,time,text',
        'city01,2021,推进数字经济发展，建设数字政府和智慧城市。',
        'city01,2022,发展数字经济，加快5G网络建设。',
        'city02,2021,加强生态环境保护，推进绿色发展。',
        'city02,2022,推进绿色发展和数字经济。',
        '',
      ].join('\n'),
    );
    await page.goto('/');
    await page.getByRole('link', { name: 'Upload texts' }).click();
    await page.waitForURL('**/texts/new');
    await page.getByRole('heading', { level: 1, name: 'Policy texts' }).waitFor();
    await page.getByLabel('Texts file (ZIP or CSV)').setInputFiles(textsPath);
    await page.getByLabel('Dataset name').fill('work-reports');
    await page.getByRole('button', { name: 'Upload texts' }).click();
    expect(await page.getByTestId('texts-summary').textContent()).toBe('4 texts, 2 units × 2 periods');

    await page.getByRole('button', { name: 'Remove 5G' }).click();
    await page.getByLabel('Add a term').fill('绿色发展');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await page.getByTestId('keyword-list').textContent()).toContain('绿色发展');
    expect(await page.getByTestId('keyword-list').textContent()).not.toContain('5G');
    await page.getByRole('button', { name: /Preview counts/ }).click();
    const counts = page.getByTestId('keyword-counts');
    await counts.waitFor();
    // city02 2022: 绿色发展 (added) and 数字经济; city01 2022: only 数字经济 once 5G is removed
    expect(await counts.locator('tbody tr').nth(3).locator('td').nth(1).textContent()).toBe('2');
    expect(await counts.locator('tbody tr').nth(1).locator('td').nth(1).textContent()).toBe('1');
    await portal.screenshot('texts-preview');

    await page.getByRole('button', { name: 'Count all texts and save new version' }).click();
    await page.getByTestId('derived-version').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Open work-reports v2' }).click();
    await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('validation-report').textContent()).toContain('digital_ln');
    await portal.screenshot('texts-new-version');
  });
});
