import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AnalysisListQuery } from '@spillover/contracts';
import { AnalysisEntity } from '@spillover/db';
import type { Repository } from 'typeorm';
import { TeamAccess } from '../teams/team-access.service.js';

const bareDate = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 3600 * 1000;

/** `%`, `_` and `\` match themselves in an ILIKE pattern. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Filtered, paginated listing of the caller's analyses (one team, or all of theirs), newest first. */
@Injectable()
export class AnalysisSearch {
  constructor(
    @InjectRepository(AnalysisEntity) private readonly analyses: Repository<AnalysisEntity>,
    private readonly access: TeamAccess,
  ) {}

  async list(userId: string, query: AnalysisListQuery): Promise<{ items: AnalysisEntity[]; total: number }> {
    if (query.teamId) await this.access.requireMember(userId, query.teamId);
    const teamIds = query.teamId ? [query.teamId] : await this.access.teamIdsOf(userId);
    if (teamIds.length === 0) return { items: [], total: 0 };
    const builder = this.analyses
      .createQueryBuilder('a')
      .where('a.team_id IN (:...teamIds)', { teamIds })
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'ASC');
    if (query.datasetId) builder.andWhere('a.dataset_id = :datasetId', { datasetId: query.datasetId });
    if (query.kind) builder.andWhere('a.kind = :kind', { kind: query.kind });
    if (query.model) builder.andWhere('a.model = :model', { model: query.model });
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    if (query.createdBy) builder.andWhere('a.created_by = :createdBy', { createdBy: query.createdBy });
    if (query.from) builder.andWhere('a.created_at >= :from', { from: new Date(query.from) });
    if (query.to) {
      // a bare date includes its whole day
      const to = bareDate.test(query.to) ? new Date(Date.parse(query.to) + dayMs) : new Date(query.to);
      builder.andWhere('a.created_at < :to', { to });
    }
    if (query.q) builder.andWhere(`a.title ILIKE :q ESCAPE '\\'`, { q: likePattern(query.q) });
    if (query.limit !== undefined) builder.take(query.limit);
    builder.skip(query.offset);
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
