import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { QueueBackend } from '@spillover/worker/embedded';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/authenticated-request.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ref } from '../openapi/schemas.js';
import { QUEUE_BACKEND } from '../queue/queue-backend.js';

export interface HealthView {
  ok: boolean;
  /** `full`: PostgreSQL, Redis and worker processes; `embedded`: PGlite and jobs in the API process. */
  mode: AppConfig['mode'];
  failing?: string[];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QUEUE_BACKEND) private readonly queue: QueueBackend,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Ready when the database and the queue answer; names the mode' })
  @ApiResponse({ status: 200, schema: ref('Health') })
  @ApiResponse({
    status: 503,
    description: 'the database or the queue does not answer',
    schema: ref('Health'),
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthView> {
    const checks = await Promise.allSettled([this.dataSource.query('SELECT 1'), this.queue.ping()]);
    const failing = ['database', this.config.mode === 'full' ? 'redis' : 'queue'].filter(
      (_, i) => checks[i]!.status === 'rejected',
    );
    const mode = this.config.mode;
    if (failing.length === 0) return { ok: true, mode };
    response.status(503);
    return { ok: false, mode, failing };
  }
}
