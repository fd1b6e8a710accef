import { Controller, Get, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/authenticated-request.js';
import { ref } from '../openapi/schemas.js';
import { EstimationQueue } from '../queue/estimation-queue.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: EstimationQueue,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Ready when PostgreSQL and Redis answer' })
  @ApiResponse({ status: 200, schema: ref('Health') })
  @ApiResponse({ status: 503, description: 'PostgreSQL or Redis does not answer', schema: ref('Health') })
  async health(@Res({ passthrough: true }) response: Response): Promise<{ ok: boolean; failing?: string[] }> {
    const checks = await Promise.allSettled([this.dataSource.query('SELECT 1'), this.queue.ping()]);
    const failing = ['database', 'redis'].filter((_, i) => checks[i].status === 'rejected');
    if (failing.length === 0) return { ok: true };
    response.status(503);
    return { ok: false, failing };
  }
}
