/**
 * Wall time of a mediation bootstrap (5,000 replications by default; two-way FE, cluster SEs) on a
 * simulated 285 × 23 panel, split into BootstrapChunk jobs, with 1 and with 2 worker processes (one
 * thread each), from adding the flow to the stored result; the in-process runAnalysis time for reference.
 * The two set-ups run side by side (idle workers on their own queue prefix) and their rounds alternate,
 * so both see the same machine load and the same JIT warmth.
 * Needs the built worker (dist/) and the local PostgreSQL and Redis:
 *   npm run build -w @spillover/worker && npx tsx apps/worker/bench/bootstrap-scaling.ts [reps]
 * BENCH_ROUNDS (default 5) sets the timed rounds per set-up. Every round is a new analysis of one dataset
 * version, which workers keep once read (as for a researcher's successive analyses of a dataset);
 * BENCH_FRESH_DATASET=1 gives every round a dataset version of its own, so nothing is cached.
 */
import {
  AnalysisSpec,
  bootstrapChunkSize,
  bootstrapFlow,
  QueueName,
  type AnalysisSpecInput,
} from '@spillover/contracts';
import { runAnalysis } from '@spillover/core';
import { FlowProducer, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { simulatedMediationPanel } from '../test/integration/mediation-panel.js';
import {
  analysisRow,
  createTestDatabase,
  insertAnalysis,
  redisUrl,
  seedDataset,
  type Seed,
  startWorker,
  type TestDatabase,
  unique,
  type WorkerProcess,
} from '../test/integration/support.js';

// a larger count as the first argument shows the scaling once fixed costs stop dominating
const reps = Number(process.argv[2] ?? 5000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const freshDataset = process.env.BENCH_FRESH_DATASET === '1';
const spec: AnalysisSpecInput = {
  kind: 'mediation',
  unit: 'unit',
  time: 'time',
  y: 'y',
  treatment: 'd',
  mediators: ['m'],
  x: ['c1', 'c2'],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  bootstrap: { reps, seed: 1 },
};

const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Wall time of the same fixed CPU work in 1 and in 2 threads at once: on an idle 2-core machine the ratio is
 * about 1.0; near 2.0 the other processes leave this benchmark one core, and no split can beat 1 worker.
 */
async function parallelCapacity(): Promise<number> {
  const spin = 'let x = 0; for (let i = 0; i < 3e7; i++) x += Math.sqrt(i);';
  const run = async (threads: number) => {
    const started = performance.now();
    await Promise.all(
      Array.from(
        { length: threads },
        () => new Promise((resolve) => new Worker(spin, { eval: true }).on('exit', resolve)),
      ),
    );
    return performance.now() - started;
  };
  await run(1);
  return (await run(2)) / (await run(1));
}

/** Idle and total CPU time of the machine so far (Linux /proc/stat, in clock ticks). */
function cpuTicks(): { idle: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3]! + fields[4]!, total: fields.reduce((sum, ticks) => sum + ticks, 0) };
}

/**
 * Waits (up to `maxMs`) until the machine's CPUs are at most 10 % busy over a quarter second, so a
 * round does not start while other processes are running; answers the last busy share seen.
 */
async function quietMachine(maxMs = 30_000): Promise<number> {
  if (!existsSync('/proc/stat')) return NaN;
  const deadline = Date.now() + maxMs;
  let busy = 1;
  do {
    const before = cpuTicks();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = cpuTicks();
    busy = 1 - (after.idle - before.idle) / (after.total - before.total);
  } while (busy > 0.1 && Date.now() < deadline);
  return busy;
}

/** `processes` worker processes with one thread each, on a queue prefix of their own. */
class WorkerSetup {
  private constructor(
    readonly processes: number,
    private readonly prefix: string,
    private readonly workers: WorkerProcess[],
    private readonly flows: FlowProducer,
    private readonly events: QueueEvents,
  ) {}

  static async start(processes: number, db: TestDatabase): Promise<WorkerSetup> {
    const prefix = unique('bench');
    const workers = await Promise.all(
      Array.from({ length: processes }, () =>
        startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '1' }),
      ),
    );
    const connection = { url: redisUrl };
    // the parent's `completed` event ends a run: no polling load on the two cores being measured
    const events = new QueueEvents(QueueName.Estimation, { connection, prefix });
    await events.waitUntilReady();
    return new WorkerSetup(processes, prefix, workers, new FlowProducer({ connection, prefix }), events);
  }

  get chunkSize(): number {
    return bootstrapChunkSize(AnalysisSpec.parse(spec), this.processes);
  }

  /**
   * Milliseconds from adding the flow until the analysis row holds its result, and how busy the machine
   * was just before.
   */
  async run(db: TestDatabase, seed: Seed): Promise<{ ms: number; busy: number }> {
    // before the insert: the re-queue sweeper would pick up an analysis left queued without a job
    const busy = await quietMachine();
    const id = await insertAnalysis(db.dataSource, seed, spec);
    const started = performance.now();
    const { job } = await this.flows.add(bootstrapFlow(id, reps, this.chunkSize));
    // the parent completes after the result is written
    await job.waitUntilFinished(this.events, 300_000);
    const ms = performance.now() - started;
    const { status } = await analysisRow(db.dataSource, id);
    if (status !== 'succeeded') throw new Error(`analysis ${id} ended ${status}`);
    return { ms, busy };
  }

  async stop(redis: Redis): Promise<void> {
    await Promise.all([this.flows.close(), this.events.close()]);
    await Promise.all(this.workers.map((worker) => worker.stop()));
    const keys = await redis.keys(`${this.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
}

async function main(): Promise<void> {
  const csv = simulatedMediationPanel(285, 23);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}); load average ${load()}`);
  console.log(
    `2 threads vs 1 thread on the same work per thread: ${(await parallelCapacity()).toFixed(2)}× the wall time (1.0 = two free cores)`,
  );
  const started = performance.now();
  runAnalysis(AnalysisSpec.parse(spec), { panelCsv: csv });
  console.log(`in-process runAnalysis, ${reps} replications: ${seconds(performance.now() - started)}`);

  const db = await createTestDatabase();
  const seed = await seedDataset(db.dataSource, csv, 'unit', 'time');
  const redis = new Redis(redisUrl);
  const setups: WorkerSetup[] = [];
  try {
    for (const processes of [1, 2]) setups.push(await WorkerSetup.start(processes, db));
    // warm-up (JIT of the worker processes and their threads), not timed: two jobs per set-up
    for (let round = 0; round < 2; round++) for (const setup of setups) await setup.run(db, seed);
    const times = setups.map(() => [] as number[]);
    for (let round = 1; round <= rounds; round++) {
      // the set-ups take turns, never overlap
      const datasetFor = async () => (freshDataset ? seedDataset(db.dataSource, csv, 'unit', 'time') : seed);
      const single = await setups[0]!.run(db, await datasetFor());
      const pair = await setups[1]!.run(db, await datasetFor());
      times[0]!.push(single.ms);
      times[1]!.push(pair.ms);
      console.log(
        `round ${round}: 1 worker ${seconds(single.ms)}, 2 workers ${seconds(pair.ms)}, ratio ${(pair.ms / single.ms).toFixed(2)}` +
          ` (CPU busy before: ${percent(single.busy)}, ${percent(pair.busy)}; load ${load()})`,
      );
    }
    const [single, pair] = times.map(median) as [number, number];
    console.log(
      `${reps} replications, chunks of ${setups[0]!.chunkSize} (1 worker) and ${setups[1]!.chunkSize} (2 workers), median of ${rounds} rounds${freshDataset ? ', a new dataset version every round' : ', one dataset version'}:`,
    );
    console.log(`  single-worker time: ${seconds(single)}`);
    console.log(`  two-worker time:    ${seconds(pair)}`);
    console.log(`  ratio:              ${(pair / single).toFixed(2)} (target ≤ 0.6)`);
  } finally {
    await Promise.all(setups.map((setup) => setup.stop(redis)));
    redis.disconnect();
    await db.drop();
  }
  console.log(`load average at the end: ${load()}`);
  console.log(`2 threads vs 1 thread at the end: ${(await parallelCapacity()).toFixed(2)}× the wall time`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
