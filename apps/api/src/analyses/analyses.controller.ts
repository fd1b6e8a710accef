import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AnalysisView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { AnalysisEventsRelay } from '../queue/analysis-events-relay.js';
import { AnalysesService } from './analyses.service.js';
import { analysisView } from './analysis-view.js';
import { streamAnalysisEvents } from './analysis-event-stream.js';

const ListQuery = z.strictObject({ teamId: z.string().uuid('teamId must be a UUID').optional() });

@ApiTags('analyses')
@ApiSession()
@Controller('analyses')
export class AnalysesController {
  constructor(
    private readonly analyses: AnalysesService,
    private readonly relay: AnalysisEventsRelay,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Queue an analysis of a dataset',
    description:
      'The spec is checked (fields, then columns against the dataset’s report) before anything is stored. Follow the analysis with GET /analyses/{id} or its event stream.',
  })
  @ApiBody({ schema: ref('CreateAnalysisBody') })
  @ApiResponse({ status: 202, schema: ref('AnalysisView'), description: 'stored with status queued' })
  @ApiErrors(400, 404, 422)
  create(@CurrentUser() user: UserEntity, @Body() body: unknown): Promise<AnalysisView> {
    return this.analyses.create(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Analyses of a team (or of all the caller’s teams), newest first' })
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid', required: false })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('AnalysisView') } })
  @ApiErrors(400, 404)
  list(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(ListQuery)) query: z.infer<typeof ListQuery>,
  ): Promise<AnalysisView[]> {
    return this.analyses.list(user.id, query.teamId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One analysis: status, progress, result or error' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: ref('AnalysisView') })
  @ApiErrors(400, 404)
  async get(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<AnalysisView> {
    return analysisView(await this.analyses.find(user.id, id));
  }

  @Get(':id/events')
  @ApiOperation({
    summary: 'Server-sent events of an analysis',
    description:
      'First a `status` event (and `progress` if any), then `progress` events ({stage, done, total}) and a `status` event ({id, status, error}) whenever the status changes; the stream ends after succeeded, failed or cancelled. A comment line every 15 s keeps it open.',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'text/event-stream of `status` (AnalysisStatusEvent) and `progress` (Progress) events',
  })
  @ApiErrors(400, 404)
  async events(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const analysis = await this.analyses.find(user.id, id);
    streamAnalysisEvents(response, analysis, () => this.analyses.reload(id), this.relay, {
      pollMs: 2000,
      heartbeatMs: 15_000,
    });
  }
}
