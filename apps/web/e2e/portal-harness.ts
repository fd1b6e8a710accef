import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { dropDatabase, startStack, type Stack } from '../../../scripts/stack.mjs';

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
}): Promise<PortalRun> {
  const databaseName = `spillover_e2e_${options.label}_${options.run}`;
  const queuePrefix = `spillover-e2e-${options.label}-${options.run}`;
  const logPath = join(options.resultsDir, 'stack.log');
  mkdirSync(options.resultsDir, { recursive: true });
  writeFileSync(logPath, '');
  const stack = await startStack({
    databaseName,
    fresh: true,
    apiPort: 0,
    webPort: 0,
    queuePrefix,
    services: ['api', 'worker', 'web'],
    env: { NEXT_TELEMETRY_DISABLED: '1', ...options.env },
    log: (line) => appendFileSync(logPath, `${line}\n`),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
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
      await dropDatabase(stack.databaseUrl, databaseName);
      await deleteQueueKeys(stack.redisUrl, queuePrefix);
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
