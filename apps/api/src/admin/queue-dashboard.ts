import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/session-token.js';
import { toErrorResponse } from '../common/spillover-exception.filter.js';
import { SpilloverError } from '@spillover/contracts';
import { forbiddenForNonAdmins } from './admin.guard.js';
import { AdminQueues } from './admin-queues.service.js';

/** Where the API serves the dashboard. */
export const queueDashboardPath = '/admin/queues';
/** Where browsers reach it: through the portal's same-origin proxy, which strips `/api`. */
export const queueDashboardPublicPath = `/api${queueDashboardPath}`;

/**
 * bull-board's dashboard of every queue at /admin/queues, for administrators only. It is an express router,
 * not a Nest controller, so the session and admin checks run here as middleware in front of it. Mounted in
 * onModuleInit: after Nest's routes, before its not-found handler.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: AdminQueues,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(queueDashboardPublicPath);
    createBullBoard({
      queues: [...this.queues.queues.values()].map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Spillover queues' } },
    });
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use(
      queueDashboardPath,
      (request: Request, response: Response, next: NextFunction) => {
        this.authorize(request).then(
          () => next(),
          (error: unknown) => {
            const body = toErrorResponse(error);
            response.status(body.statusCode).json(body);
          },
        );
      },
      serverAdapter.getRouter(),
    );
  }

  private async authorize(request: Request): Promise<void> {
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    const auth = await this.auth.authenticate(cookies?.[SESSION_COOKIE]);
    if (!auth) throw new SpilloverError('UNAUTHENTICATED', 'sign in first: no valid session');
    if (!auth.user.isAdmin) throw forbiddenForNonAdmins();
  }
}
