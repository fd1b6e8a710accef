import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  defaultDatabaseUrl,
  defaultRedisUrl,
  dropDatabase,
  startStack,
  type Stack,
} from '../../../scripts/stack.mjs';

/** One end-to-end run: its own database, queue prefix and free ports, the built apps and a Chromium page. */
export interface PortalRun {
  stack: Stack;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Numbered full-page screenshots into the results folder, in the order the flow takes them. */
  screenshot(name: string): Promise<void>;
  /** Stops the browser and the apps, drops the database and deletes the run's BullMQ keys. */
  close(): Promise<void>;
}

/** Flags that keep Debian's Chromium off the (closed) network and quiet when run as root. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startPortal(options: {
  /** Short name of the spec file and a random run id, used in the database and queue names. */
  label: string;
  run: string;
  resultsDir: string;
  env?: Record<string, string>;
  /** `embedded`: api (with the worker inside) on a temporary PGlite folder and web; no servers used. */
  mode?: 'full' | 'embedded';
}): Promise<PortalRun> {
  const embedded = options.mode === 'embedded';
  const databaseName = `spillover_e2e_${options.label}_${options.run}`;
  const queuePrefix = `spillover-e2e-${options.label}-${options.run}`;
  const dataDir = embedded ? mkdtempSync(join(tmpdir(), `spillover-e2e-${options.label}-`)) : undefined;
  const logPath = join(options.resultsDir, 'stack.log');
  mkdirSync(options.resultsDir, { recursive: true });
  writeFileSync(logPath, '');
  const cleanUp = async (databaseUrl: string, redisUrl: string) => {
    if (dataDir) return rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(databaseUrl, databaseName);
    await deleteQueueKeys(redisUrl, queuePrefix);
  };
  // startStack stops its children when one fails to come up, but leaves the fresh database behind.
  const stack = await startStack({
    mode: options.mode,
    dataDir,
    databaseName,
    fresh: true,
    apiPort: 0,
    webPort: 0,
    queuePrefix,
    services: ['api', 'worker', 'web'],
    env: { NEXT_TELEMETRY_DISABLED: '1', ...options.env },
    log: (line) => appendFileSync(logPath, `${line}\n`),
  }).catch(async (error: unknown) => {
    // The start error is the one to report, whether or not the clean-up succeeds.
    await cleanUp(
      options.env?.DATABASE_URL ?? process.env.DATABASE_URL ?? defaultDatabaseUrl,
      options.env?.REDIS_URL ?? process.env.REDIS_URL ?? defaultRedisUrl,
    ).catch(() => undefined);
    throw error;
  });
  const browser = await chromium
    .launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs })
    .catch(async (error: unknown) => {
      await stack.stop();
      await cleanUp(stack.databaseUrl, stack.redisUrl).catch(() => undefined);
      throw error;
    });
  const context = await browser.newContext({
    baseURL: stack.webUrl,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  let shot = 0;
  return {
    stack,
    browser,
    context,
    page,
    async screenshot(name) {
      shot += 1;
      await page.screenshot({
        path: join(options.resultsDir, `${String(shot).padStart(2, '0')}-${name}.png`),
        fullPage: true,
      });
    },
    async close() {
      await browser.close();
      await stack.stop();
      await cleanUp(stack.databaseUrl, stack.redisUrl);
    },
  };
}

/** The run's BullMQ keys, all under its own prefix. */
async function deleteQueueKeys(redisUrl: string, queuePrefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Signs up through the form, logs in and waits for the dashboard. */
export async function signUpAndLogIn(
  page: Page,
  user: { name: string; email: string; password: string; team?: string },
): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  if (user.team) await page.getByLabel('Team name (optional)').fill(user.team);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(/\/login\?/);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Uploads a panel CSV through the form, checks the reported row count and opens the dataset's page. */
export async function uploadPanel(
  page: Page,
  panel: { path: string; unit: string; time: string; rows: number },
): Promise<void> {
  await page.goto('/datasets/new');
  await page.getByLabel('CSV file').setInputFiles(panel.path);
  // the header is read in the browser; the column choices appear once it is
  await page
    .getByLabel('Unit column')
    .locator(`option[value="${panel.unit}"]`)
    .waitFor({ state: 'attached' });
  await page.getByLabel('Unit column').selectOption(panel.unit);
  await page.getByLabel('Time column').selectOption(panel.time);
  await page.getByRole('button', { name: 'Upload and validate' }).click();
  await page.getByTestId('validation-report').waitFor();
  const rows = await page.getByTestId('report-rows').textContent();
  if (rows !== String(panel.rows)) {
    throw new Error(`the validation report shows ${rows} rows, not ${panel.rows}`);
  }
  await page.getByRole('link', { name: 'Open the dataset' }).click();
  await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
}
