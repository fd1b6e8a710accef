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
import { AnalysisListQuery, totalCountHeader, type AnalysisView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Response } from 'express';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { AnalysisEventsRelay } from '../queue/analysis-events-relay.js';
import { AnalysesService } from './analyses.service.js';
import { AnalysisSearch } from '../comparisons/analysis-search.service.js';
import { analysisView } from './analysis-view.js';
import { streamAnalysisEvents } from './analysis-event-stream.js';

@ApiTags('analyses')
@ApiSession()
@Controller('analyses')
export class AnalysesController {
  constructor(
    private readonly analyses: AnalysesService,
    private readonly relay: AnalysisEventsRelay,
    private readonly search: AnalysisSearch,
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
  @ApiErrors(400, 404, 422, 429)
  create(@CurrentUser() user: UserEntity, @Body() body: unknown): Promise<AnalysisView> {
    return this.analyses.create(user.id, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Analyses of a team (or of all the caller’s teams), newest first, filtered and paginated',
    description: `Without limit every match is returned. The ${totalCountHeader} header holds the number of matches before limit/offset.`,
  })
  @ApiQuery({
    name: 'query',
    required: false,
    schema: ref('AnalysisListQuery'),
    style: 'form',
    explode: true,
  })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('AnalysisView') } })
  @ApiErrors(400, 404)
  async list(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(AnalysisListQuery)) query: AnalysisListQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AnalysisView[]> {
    const { items, total } = await this.search.list(user.id, query);
    response.setHeader(totalCountHeader, String(total));
    return items.map(analysisView);
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
