import { AnalysisSpec, type AnalysisSpecInput, type AnalysisStatus, QueueName } from '@spillover/contracts';
import { AnalysisEntity, createDataSource, DatasetEntity, TeamEntity, UserEntity } from '@spillover/db';
import { Queue } from 'bullmq';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  databaseUrlFor,
  defaultDatabaseUrl,
  defaultRedisUrl,
  dropDatabase,
  prepareDatabase,
  repoRoot,
} from '../../../../scripts/stack.mjs';

export { repoRoot };
export const fixturesDir = join(repoRoot, '../shared/fixtures');
export const producCsv = readFileSync(join(fixturesDir, 'produc/panel.csv'), 'utf8');
export const redisUrl = process.env.REDIS_URL ?? defaultRedisUrl;
const baseDatabaseUrl = process.env.DATABASE_URL ?? defaultDatabaseUrl;
const workerMain = join(repoRoot, 'apps/worker/dist/main.js');

export const unique = (area: string) =>
  `${area}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh database with every migration of @spillover/db applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = unique('spillover_worker');
  await prepareDatabase(baseDatabaseUrl, name, { fresh: true });
  const url = databaseUrlFor(baseDatabaseUrl, name);
  const dataSource = await createDataSource(url).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await dropDatabase(baseDatabaseUrl, name);
    },
  };
}

export interface Seed {
  userId: string;
  teamId: string;
  datasetId: string;
}

/** A user, a team and one dataset version holding `csv`. */
export async function seedDataset(
  dataSource: DataSource,
  csv: string,
  unit = 'state',
  time = 'year',
): Promise<Seed> {
  const user = await dataSource
    .getRepository(UserEntity)
    .save({ email: `${unique('u')}@example.org`, name: 'Tester', passwordHash: 'x' });
  const team = await dataSource.getRepository(TeamEntity).save({ name: 'Team' });
  const content = Buffer.from(csv, 'utf8');
  const dataset = await dataSource.getRepository(DatasetEntity).save({
    teamId: team.id,
    name: 'panel',
    version: 1,
    sha256: createHash('sha256').update(content).digest('hex'),
    sizeBytes: content.length,
    content,
    unitColumn: unit,
    timeColumn: time,
    report: {
      rows: 0,
      unitColumn: unit,
      timeColumn: time,
      units: 0,
      periods: 0,
      timeValues: [],
      balanced: true,
      missingUnitPeriods: [],
      missingUnitPeriodCount: 0,
      columns: [],
    },
    createdBy: user.id,
  });
  return { userId: user.id, teamId: team.id, datasetId: dataset.id };
}

export async function insertAnalysis(
  dataSource: DataSource,
  seed: Seed,
  spec: AnalysisSpecInput,
  extra: { status?: AnalysisStatus; createdAt?: Date } = {},
): Promise<string> {
  const parsed = AnalysisSpec.parse(spec);
  const row = await dataSource.getRepository(AnalysisEntity).save({
    teamId: seed.teamId,
    datasetId: seed.datasetId,
    createdBy: seed.userId,
    title: null,
    kind: parsed.kind,
    model: parsed.kind === 'regression' ? parsed.model : null,
    spec: parsed,
    status: extra.status ?? 'queued',
    ...(extra.createdAt ? { createdAt: extra.createdAt } : {}),
  });
  return row.id;
}

export function analysisRow(dataSource: DataSource, id: string): Promise<AnalysisEntity> {
  return dataSource.getRepository(AnalysisEntity).findOneByOrFail({ id });
}

export function estimationQueue(prefix: string): Queue {
  return new Queue(QueueName.Estimation, { connection: { url: redisUrl }, prefix });
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface WorkerProcess {
  child: ChildProcess;
  lines: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built worker (dist/main.js) and waits for `worker ready`. */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [workerMain], {
    env: { ...process.env, REDIS_URL: redisUrl, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(line);
    if (process.env.WORKER_TEST_LOGS) process.stdout.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exit;
  };
  await Promise.race([
    waitFor('worker ready', async () => lines.some((line) => line.includes('worker ready')), 30_000, 25),
    exit.then(({ code }) => {
      throw new Error(`worker exited with ${code} before it was ready:\n${lines.join('\n')}`);
    }),
  ]);
  return { child, lines, exit, stop };
}
