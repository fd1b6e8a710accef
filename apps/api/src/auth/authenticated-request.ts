import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { UserEntity } from '@spillover/db';
import type { Request } from 'express';

/** What the session guard attaches to a request. */
export interface AuthContext {
  user: UserEntity;
  tokenHash: string;
}

export type AuthenticatedRequest = Request & { auth: AuthContext };

const PUBLIC_ROUTE = 'spillover:public';

/** Marks a route that needs no session (signup, login, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
export const isPublicKey = PUBLIC_ROUTE;

/** The signed-in user of the request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserEntity =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().auth.user,
);
