import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type AnalysisView, SpilloverError } from '@spillover/contracts';
import { AnalysisEntity } from '@spillover/db';
import { In, type Repository } from 'typeorm';
import { analysisView } from '../analyses/analysis-view.js';
import { notFound } from '../common/not-found.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { AnalysisJobs } from './analysis-jobs.service.js';

/** POST /analyses/:id/cancel: a queued or running analysis becomes cancelled, for good. */
@Injectable()
export class AnalysisCancelService {
  constructor(
    @InjectRepository(AnalysisEntity) private readonly analyses: Repository<AnalysisEntity>,
    private readonly access: TeamAccess,
    private readonly jobs: AnalysisJobs,
  ) {}

  async cancel(userId: string, id: string): Promise<AnalysisView> {
    const analysis = await this.analyses.findOneBy({ id });
    if (!analysis || !(await this.access.roleIn(userId, analysis.teamId))) throw notFound('analysis', id);
    // the row first: workers never write a result over `cancelled` (their updates exclude it)
    const { affected } = await this.analyses
      .createQueryBuilder()
      .update()
      .set({ status: 'cancelled', finishedAt: () => 'now()' })
      .where({ id, status: In(['queued', 'running']) })
      .execute();
    const current = await this.analyses.findOneByOrFail({ id });
    if (!affected && current.status !== 'cancelled') {
      throw new SpilloverError(
        'CONFLICT',
        `analysis ${id} already ${current.status}; only a queued or running analysis can be cancelled`,
        {
          analysisId: id,
          status: current.status,
        },
      );
    }
    await this.jobs.cancel(id);
    return analysisView(current);
  }
}
