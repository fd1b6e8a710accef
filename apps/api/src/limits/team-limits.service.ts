import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SpilloverError, type TeamLimitsView, type UpdateTeamLimitsBody } from '@spillover/contracts';
import { AnalysisEntity, DatasetEntity, TeamEntity, TeamLimitsEntity } from '@spillover/db';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { notFound } from '../common/not-found.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export interface TeamUsage {
  activeJobs: number;
  storageBytes: number;
}

/** "1.5 MB" for messages. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Per-team limits: analyses queued or running at once, and bytes of dataset versions. A team without its
 * own limit gets the default from the environment. A submission is admitted under a per-team lock, in the
 * transaction that stores it, so concurrent submissions cannot pass the limit together; uploads are
 * checked before their body is read.
 */
@Injectable()
export class TeamLimits {
  constructor(
    @InjectRepository(TeamLimitsEntity) private readonly limits: Repository<TeamLimitsEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(AnalysisEntity) private readonly analyses: Repository<AnalysisEntity>,
    @InjectRepository(DatasetEntity) private readonly datasets: Repository<DatasetEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async usage(teamId: string): Promise<TeamUsage> {
    const [activeJobs, storage] = await Promise.all([
      this.analyses.count({ where: { teamId, status: In(['queued', 'running']) } }),
      this.datasets
        .createQueryBuilder('d')
        .select('COALESCE(SUM(d.size_bytes), 0)', 'bytes')
        .where('d.team_id = :teamId', { teamId })
        .getRawOne<{ bytes: string }>(),
    ]);
    return { activeJobs, storageBytes: Number(storage?.bytes ?? 0) };
  }

  async view(teamId: string): Promise<TeamLimitsView> {
    const team = await this.teams.findOneBy({ id: teamId });
    if (!team) throw notFound('team', teamId);
    const [row, usage] = await Promise.all([this.limits.findOneBy({ teamId }), this.usage(teamId)]);
    const defaults = this.config.teamLimits;
    return {
      teamId,
      teamName: team.name,
      maxActiveJobs: row?.maxActiveJobs ?? null,
      maxStorageBytes: row?.maxStorageBytes ?? null,
      effective: {
        maxActiveJobs: row?.maxActiveJobs ?? defaults.maxActiveJobs,
        maxStorageBytes: row?.maxStorageBytes ?? defaults.maxStorageBytes,
      },
      defaults,
      usage,
    };
  }

  /** Every team with its limits and usage, by name. */
  async list(): Promise<TeamLimitsView[]> {
    const teams = await this.teams.find({ order: { name: 'ASC' }, take: 500 });
    return Promise.all(teams.map((team) => this.view(team.id)));
  }

  async update(teamId: string, body: UpdateTeamLimitsBody, adminId: string): Promise<TeamLimitsView> {
    if (!(await this.teams.existsBy({ id: teamId }))) throw notFound('team', teamId);
    await this.limits.upsert({ teamId, ...body, updatedBy: adminId }, ['teamId']);
    return this.view(teamId);
  }

  /**
   * Runs `store` (which writes the submission with the given manager) when the team has fewer analyses
   * queued or running than it may; 429 LIMIT_EXCEEDED otherwise. The team's submissions queue on an
   * advisory lock held to the end of the transaction, so each one counts the ones committed before it.
   */
  async admitSubmission<T>(teamId: string, store: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`submissions:${teamId}`]);
      const [row, activeJobs] = await Promise.all([
        manager.findOneBy(TeamLimitsEntity, { teamId }),
        manager.count(AnalysisEntity, { where: { teamId, status: In(['queued', 'running']) } }),
      ]);
      const allowed = row?.maxActiveJobs ?? this.config.teamLimits.maxActiveJobs;
      if (activeJobs >= allowed) {
        throw new SpilloverError(
          'LIMIT_EXCEEDED',
          `team limit maxActiveJobs reached: ${activeJobs} analyses are queued or running and the team may have ${allowed} at once; wait for one to finish or cancel one`,
          { limit: 'maxActiveJobs', teamId, allowed, current: activeJobs },
        );
      }
      return store(manager);
    });
  }

  /** 413 FILE_TOO_LARGE when `incomingBytes` more would take the team's datasets past its storage limit. */
  async checkUpload(teamId: string, incomingBytes: number): Promise<void> {
    const { effective, usage } = await this.view(teamId);
    if (usage.storageBytes + incomingBytes > effective.maxStorageBytes) {
      throw new SpilloverError(
        'FILE_TOO_LARGE',
        `team limit maxStorageBytes reached: the team's datasets use ${formatBytes(usage.storageBytes)}, this upload adds ${formatBytes(incomingBytes)} and the team may store ${formatBytes(effective.maxStorageBytes)}`,
        {
          limit: 'maxStorageBytes',
          teamId,
          allowed: effective.maxStorageBytes,
          current: usage.storageBytes,
          incoming: incomingBytes,
        },
      );
    }
  }
}
