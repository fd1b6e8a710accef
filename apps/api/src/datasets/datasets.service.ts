import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DatasetView, UploadDatasetQuery } from '@spillover/contracts';
import { describePanel } from '@spillover/core';
import { DatasetEntity } from '@spillover/db';
import type { DataSource, Repository } from 'typeorm';
import { notFound } from '../common/not-found.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { datasetView } from './dataset-view.js';
import { decodeCsv } from './decode-csv.js';

@Injectable()
export class DatasetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(DatasetEntity) private readonly datasets: Repository<DatasetEntity>,
    private readonly access: TeamAccess,
  ) {}

  /**
   * Validates a panel and stores it as the next immutable version of `name` in the team. Nothing is
   * stored when validation fails. `readBody` runs only once the caller is known to be a member.
   */
  async upload(
    userId: string,
    query: UploadDatasetQuery,
    readBody: () => Promise<Buffer>,
  ): Promise<DatasetView> {
    await this.access.requireMember(userId, query.teamId);
    const bytes = await readBody();
    const report = describePanel(decodeCsv(bytes), query.unit, query.time);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const saved = await this.dataSource.transaction(async (manager) => {
      // concurrent uploads of one name wait here, so each gets its own version number
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `dataset:${query.teamId}:${query.name}`,
      ]);
      const latest = await manager
        .createQueryBuilder(DatasetEntity, 'd')
        .select('MAX(d.version)', 'version')
        .where('d.team_id = :teamId AND d.name = :name', { teamId: query.teamId, name: query.name })
        .getRawOne<{ version: number | null }>();
      return manager.save(
        manager.create(DatasetEntity, {
          teamId: query.teamId,
          name: query.name,
          version: (latest?.version ?? 0) + 1,
          sha256,
          sizeBytes: bytes.length,
          content: bytes,
          unitColumn: query.unit,
          timeColumn: query.time,
          report,
          createdBy: userId,
        }),
      );
    });
    return datasetView(saved);
  }

  /** Versions of every name in the team, newest first. */
  async list(userId: string, teamId: string): Promise<DatasetView[]> {
    await this.access.requireMember(userId, teamId);
    const datasets = await this.datasets.find({
      where: { teamId },
      order: { createdAt: 'DESC', version: 'DESC' },
    });
    return datasets.map(datasetView);
  }

  /** A dataset of one of the caller's teams (without its bytes); NOT_FOUND otherwise. */
  async find(userId: string, id: string): Promise<DatasetEntity> {
    const dataset = await this.datasets.findOneBy({ id });
    if (!dataset || !(await this.access.roleIn(userId, dataset.teamId))) throw notFound('dataset', id);
    return dataset;
  }

  async content(userId: string, id: string): Promise<{ dataset: DatasetEntity; content: Buffer }> {
    const dataset = await this.find(userId, id);
    const row = await this.datasets
      .createQueryBuilder('d')
      .select('d.content', 'content')
      .where('d.id = :id', { id })
      .getRawOne<{ content: Buffer }>();
    if (!row) throw notFound('dataset', id);
    return { dataset, content: row.content };
  }
}
