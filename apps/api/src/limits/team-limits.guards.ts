import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DatasetEntity } from '@spillover/db';
import type { Repository } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { TeamLimits } from './team-limits.service.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * On `POST /analyses`: refuses a submission beyond the team's running/queued limit. The team is the
 * dataset's; a malformed body, an unknown dataset or another team's is left to the handler (400/404), so
 * the guard never reveals anything about a team the caller is not in.
 */
@Injectable()
export class SubmissionLimitGuard implements CanActivate {
  constructor(
    private readonly limits: TeamLimits,
    private readonly access: TeamAccess,
    @InjectRepository(DatasetEntity) private readonly datasets: Repository<DatasetEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const datasetId = (request.body as { datasetId?: unknown } | undefined)?.datasetId;
    if (typeof datasetId !== 'string' || !uuid.test(datasetId)) return true;
    const dataset = await this.datasets.findOne({
      where: { id: datasetId },
      select: { id: true, teamId: true },
    });
    if (dataset && (await this.access.roleIn(request.auth.user.id, dataset.teamId))) {
      await this.limits.checkSubmission(dataset.teamId);
    }
    return true;
  }
}

/**
 * On `POST /datasets`: refuses an upload that would take the team past its storage limit, judged by the
 * Content-Length before the body is read (a chunked upload is judged by what is stored already).
 */
@Injectable()
export class UploadLimitGuard implements CanActivate {
  constructor(
    private readonly limits: TeamLimits,
    private readonly access: TeamAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const teamId = request.query.teamId;
    if (typeof teamId !== 'string' || !uuid.test(teamId)) return true;
    if (!(await this.access.roleIn(request.auth.user.id, teamId))) return true;
    const length = Number(request.headers['content-length'] ?? 0);
    await this.limits.checkUpload(teamId, Number.isFinite(length) ? length : 0);
    return true;
  }
}
