import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { TeamLimits } from './team-limits.service.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
