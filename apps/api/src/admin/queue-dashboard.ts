import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/session-token.js';
import { toErrorResponse } from '../common/spillover-exception.filter.js';
import { SpilloverError } from '@spillover/contracts';
import { forbiddenForNonAdmins } from './admin.guard.js';
import type { QueueBackend } from '@spillover/worker/embedded';
import { BullmqQueueBackend } from '../queue/bullmq-queue-backend.js';
import { QUEUE_BACKEND } from '../queue/queue-backend.js';

/** Where the API serves the dashboard. */
export const queueDashboardPath = '/admin/queues';
/** Where browsers reach it: through the portal's same-origin proxy, which strips `/api`. */
export const queueDashboardPublicPath = `/api${queueDashboardPath}`;

/** What /admin/queues answers in embedded mode, where there is no Redis for bull-board to read. */
export const embeddedDashboardNote =
  'bull-board needs Redis: in embedded mode the jobs run in the API process. GET /admin/overview and /admin/jobs give the queue counts and jobs; start PostgreSQL and Redis (or set DATABASE_URL and REDIS_URL) for the full stack and this dashboard.';

/**
 * bull-board's dashboard of every queue at /admin/queues, for administrators only (full mode; embedded
 * mode answers a note instead). It is an express router,
 * not a Nest controller, so the session and admin checks run here as middleware in front of it. Mounted in
 * onModuleInit: after Nest's routes, before its not-found handler.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    const dashboard = this.backend instanceof BullmqQueueBackend ? this.bullBoard(this.backend) : noteRouter;
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
      dashboard,
    );
  }

  private bullBoard(backend: BullmqQueueBackend) {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(queueDashboardPublicPath);
    createBullBoard({
      queues: [...backend.queues.values()].map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Spillover queues' } },
    });
    return serverAdapter.getRouter();
  }

  private async authorize(request: Request): Promise<void> {
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    const auth = await this.auth.authenticate(cookies?.[SESSION_COOKIE]);
    if (!auth) throw new SpilloverError('UNAUTHENTICATED', 'sign in first: no valid session');
    if (!auth.user.isAdmin) throw forbiddenForNonAdmins();
  }
}

function noteRouter(_request: Request, response: Response): void {
  response.status(200).type('text/plain').send(embeddedDashboardNote);
}
