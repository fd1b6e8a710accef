import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SpilloverError } from '@spillover/contracts';
import { AuthService } from './auth.service.js';
import { isPublicKey, type AuthenticatedRequest } from './authenticated-request.js';
import { SESSION_COOKIE } from './session-token.js';

/** Global guard: every route needs a valid session unless marked @Public(). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(isPublicKey, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    const auth = await this.auth.authenticate(cookies?.[SESSION_COOKIE]);
    if (!auth) throw new SpilloverError('UNAUTHENTICATED', 'sign in first: no valid session');
    request.auth = auth;
    return true;
  }
}
