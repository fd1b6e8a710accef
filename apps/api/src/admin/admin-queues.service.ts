import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  jobStates,
  QueueName,
  SpilloverError,
  type AdminJobsQuery,
  type AdminJobView,
  type AdminOverview,
  type JobState,
  type QueueSummaryView,
  type QueueThroughputPoint,
  type QueueWorkerView,
  type RunningAnalysisView,
} from '@spillover/contracts';
import { AnalysisEntity, TeamEntity } from '@spillover/db';
import type { JobQueue, QueueBackend, StoredJob } from '@spillover/worker/embedded';
import { In, type DataSource } from 'typeorm';
import { QUEUE_BACKEND } from '../queue/queue-backend.js';

const minuteMs = 60_000;
const throughputMinutes = 60;
const uuidIn = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * Every queue of the platform, for administrators: counts, jobs, workers, pause and resume; through the
 * queue port, so the same answers come from BullMQ (full mode) or the in-process queue (embedded mode).
 */
@Injectable()
export class AdminQueues {
  readonly queues: ReadonlyMap<string, JobQueue>;

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.queues = new Map(Object.values(QueueName).map((name) => [name, backend.queue(name)]));
  }

  /** The queue named `name`; NOT_FOUND naming the known ones otherwise. */
  queue(name: string): JobQueue {
    const queue = this.queues.get(name);
    if (!queue) {
      throw new SpilloverError(
        'NOT_FOUND',
        `queue ${name} not found: the queues are ${[...this.queues.keys()].join(', ')}`,
        {
          queue: name,
        },
      );
    }
    return queue;
  }

  async overview(): Promise<AdminOverview> {
    const [queues, workers, running] = await Promise.all([
      Promise.all([...this.queues.values()].map((queue) => this.summary(queue))),
      this.workers(),
      this.running(),
    ]);
    return { queues, workers, running };
  }

  private async summary(queue: JobQueue): Promise<QueueSummaryView> {
    const [counts, paused, throughput] = await Promise.all([
      queue.getJobCounts(...jobStates),
      queue.isPaused(),
      this.throughput(queue.name),
    ]);
    return {
      name: queue.name,
      paused,
      counts: Object.fromEntries(jobStates.map((state) => [state, counts[state] ?? 0])) as Record<
        JobState,
        number
      >,
      throughput,
    };
  }

  /**
   * Completed and failed per minute over the last hour, from the tables that record outcomes (workers run
   * without BullMQ metrics): finished analyses for the estimation queue, stored chunks for the bootstrap queue.
   */
  private async throughput(queue: string): Promise<QueueThroughputPoint[]> {
    const sql =
      queue === QueueName.Estimation
        ? `SELECT date_trunc('minute', finished_at) AS minute,
                  count(*) FILTER (WHERE status = 'succeeded')::int AS completed,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed
             FROM analyses WHERE finished_at >= now() - interval '1 hour' GROUP BY 1`
        : `SELECT date_trunc('minute', updated_at) AS minute, count(*)::int AS completed, 0 AS failed
             FROM replication_chunks WHERE updated_at >= now() - interval '1 hour' GROUP BY 1`;
    const rows: { minute: Date; completed: number; failed: number }[] = await this.dataSource.query(sql);
    const byMinute = new Map(rows.map((row) => [new Date(row.minute).getTime(), row]));
    const last = Math.floor(Date.now() / minuteMs) * minuteMs;
    return Array.from({ length: throughputMinutes }, (_, i) => {
      const minute = last - (throughputMinutes - 1 - i) * minuteMs;
      const row = byMinute.get(minute);
      return {
        minute: new Date(minute).toISOString(),
        completed: row?.completed ?? 0,
        failed: row?.failed ?? 0,
      };
    });
  }

  /** Workers of every queue: Redis's worker connections, or the API process itself in embedded mode. */
  async workers(): Promise<QueueWorkerView[]> {
    const lists = await Promise.all(
      [...this.queues.keys()].map(async (queue) =>
        (await this.backend.workers(queue)).map((worker): QueueWorkerView => ({ queue, ...worker })),
      ),
    );
    return lists.flat();
  }

  /** Analyses running now, with the worker (host:pid) that took each. */
  private async running(): Promise<RunningAnalysisView[]> {
    const rows = await this.dataSource.getRepository(AnalysisEntity).find({
      where: { status: 'running' },
      order: { startedAt: 'ASC' },
      take: 200,
    });
    return rows.map((a) => ({
      analysisId: a.id,
      teamId: a.teamId,
      title: a.title,
      kind: a.kind,
      model: a.model,
      worker: a.worker,
      startedAt: a.startedAt?.toISOString() ?? null,
      progress: a.progress
        ? { stage: a.progress.stage, done: a.progress.done, total: a.progress.total }
        : null,
    }));
  }

  /** Jobs in one state (default failed) of one or every queue, with their analysis and team; filtered by either. */
  async jobs(query: AdminJobsQuery): Promise<AdminJobView[]> {
    const queues = query.queue ? [this.queue(query.queue)] : [...this.queues.values()];
    const found = (
      await Promise.all(
        queues.map(async (queue) => {
          const jobs = await queue.getJobs([query.state], 0, query.limit - 1, false);
          return Promise.all(
            jobs
              .filter(Boolean)
              .map(async (job) => ({ queue: queue.name, job, state: await stateOf(job, query.state) })),
          );
        }),
      )
    ).flat();
    const analysisIds = [
      ...new Set(found.map(({ job }) => analysisIdOf(job)).filter((id): id is string => id !== null)),
    ];
    const analyses = analysisIds.length
      ? await this.dataSource.getRepository(AnalysisEntity).find({ where: { id: In(analysisIds) } })
      : [];
    const teamIds = [...new Set(analyses.map((a) => a.teamId))];
    const teams = teamIds.length
      ? await this.dataSource.getRepository(TeamEntity).find({ where: { id: In(teamIds) } })
      : [];
    const analysisById = new Map(analyses.map((a) => [a.id, a]));
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    return found
      .map(({ queue, job, state }): AdminJobView => {
        const analysisId = analysisIdOf(job);
        const analysis = analysisId ? analysisById.get(analysisId) : undefined;
        return {
          queue,
          id: job.id ?? '',
          name: job.name,
          state,
          analysisId,
          teamId: analysis?.teamId ?? null,
          teamName: analysis ? (teamName.get(analysis.teamId) ?? null) : null,
          title: analysis?.title ?? null,
          attemptsMade: job.attemptsMade,
          failedReason: job.failedReason || null,
          createdAt: isoOrNull(job.timestamp),
          processedAt: isoOrNull(job.processedOn),
          finishedAt: isoOrNull(job.finishedOn),
        };
      })
      .filter(
        (job) =>
          (!query.analysisId || job.analysisId === query.analysisId) &&
          (!query.teamId || job.teamId === query.teamId),
      )
      .slice(0, query.limit);
  }

  private async job(queueName: string, jobId: string): Promise<StoredJob> {
    const job = await this.queue(queueName).getJob(jobId);
    if (!job) {
      throw new SpilloverError('NOT_FOUND', `job ${jobId} not found in queue ${queueName}`, {
        queue: queueName,
        jobId,
      });
    }
    return job;
  }

  /** Moves a failed job back to waiting (its analysis row goes back to running when a worker takes it). */
  async retry(queueName: string, jobId: string): Promise<void> {
    const job = await this.job(queueName, jobId);
    if (!(await job.isFailed())) {
      throw new SpilloverError(
        'CONFLICT',
        `job ${jobId} is ${await job.getState()}: only failed jobs can be retried`,
        { jobId },
      );
    }
    await job.retry('failed');
  }

  async remove(queueName: string, jobId: string): Promise<void> {
    const job = await this.job(queueName, jobId);
    if (await job.isActive()) {
      throw new SpilloverError(
        'CONFLICT',
        `job ${jobId} is running: cancel its analysis instead of removing the job`,
        { jobId },
      );
    }
    await job.remove();
  }

  /** Pauses the queue for every worker: running jobs finish, waiting ones wait. */
  async pause(queueName: string): Promise<QueueSummaryView> {
    const queue = this.queue(queueName);
    await queue.pause();
    return this.summary(queue);
  }

  async resume(queueName: string): Promise<QueueSummaryView> {
    const queue = this.queue(queueName);
    await queue.resume();
    return this.summary(queue);
  }
}

/** The analysis a job belongs to: its payload's analysisId, else the UUID in its id (analysis-…, chunk-…). */
function analysisIdOf(job: StoredJob): string | null {
  const fromData = (job.data as { analysisId?: unknown } | undefined)?.analysisId;
  if (typeof fromData === 'string') return fromData;
  return job.id?.match(uuidIn)?.[0] ?? null;
}

async function stateOf(job: StoredJob, asked: JobState): Promise<string> {
  return asked === 'paused' || asked === 'waiting' ? await job.getState() : asked;
}

function isoOrNull(ms: number | undefined): string | null {
  return ms ? new Date(ms).toISOString() : null;
}
