import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { SpilloverError } from '@spillover/contracts';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';

/** Administrators only (users.is_admin); runs after the global session guard, so `auth` is set. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.auth?.user.isAdmin) throw forbiddenForNonAdmins();
    return true;
  }
}

export function forbiddenForNonAdmins(): SpilloverError {
  return new SpilloverError('FORBIDDEN', 'only platform administrators can use the admin area');
}
