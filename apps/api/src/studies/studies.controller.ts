import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { StudyListQuery, StudyTableQuery, type DatasetView, type StudyView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Response } from 'express';
import { attachment } from '../common/attachment.js';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { studySchemas } from './openapi-schemas.js';
import { SampleDataset } from './sample-dataset.js';
import { StudiesService } from './studies.service.js';

/**
 * The report is self-contained (inline CSS and SVG, no scripts): nothing else may load or run, and
 * only the portal (same origin through its /api proxy) may frame it.
 */
const reportPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const tableTypes = { csv: 'text/csv; charset=utf-8', tex: 'application/x-tex; charset=utf-8' } as const;

@ApiTags('studies')
@ApiSession()
@Controller('studies')
export class StudiesController {
  constructor(
    private readonly studies: StudiesService,
    private readonly sample: SampleDataset,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a study template as queued jobs',
    description:
      'Stores the study (queued) and enqueues its preparation: the simulated panel, the measurement steps, the datasets and weights it stores, one analysis per estimation step, and finally the report. Follow it with GET /studies/{id}.',
  })
  @ApiBody({ schema: studySchemas.CreateStudyBody })
  @ApiResponse({ status: 202, schema: studySchemas.StudyView, description: 'stored with status queued' })
  @ApiErrors(400, 404, 429)
  create(@CurrentUser() user: UserEntity, @Body() body: unknown): Promise<StudyView> {
    return this.studies.create(user.id, body);
  }

  @Post('sample-dataset')
  @ApiOperation({
    summary: 'Store the demo panel (default seed, every city) as a dataset version of a team',
    description: 'Unit column `code`, time column `year`; storing it again adds a version.',
  })
  @ApiBody({ schema: studySchemas.CreateSampleDatasetBody })
  @ApiResponse({ status: 201, schema: ref('DatasetView') })
  @ApiErrors(400, 404, 413)
  sampleDataset(@CurrentUser() user: UserEntity, @Body() body: unknown): Promise<DatasetView> {
    return this.sample.store(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Studies of a team (or of all the caller’s teams), newest first' })
  @ApiQuery({ name: 'teamId', required: false, type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: studySchemas.StudyView } })
  @ApiErrors(400, 404)
  list(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(StudyListQuery)) query: StudyListQuery,
  ): Promise<StudyView[]> {
    return this.studies.list(user.id, query.teamId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One study: status, stage, every step with its analysis’s status and progress' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: studySchemas.StudyView })
  @ApiErrors(400, 404)
  async get(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<StudyView> {
    return this.studies.view(await this.studies.find(user.id, id));
  }

  @Get(':id/report')
  @Header('Content-Security-Policy', reportPolicy)
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary: 'The study’s report (HTML)',
    description:
      'Self-contained HTML: every table and step links to /analyses/{analysisId}. 409 until the report is written.',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'the report', schema: { type: 'string' } })
  @ApiErrors(400, 404, 409)
  async report(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const html = await this.studies.report(user.id, id);
    response.type('text/html; charset=utf-8');
    return html;
  }

  @Get(':id/tables/:tableId')
  @ApiOperation({ summary: 'A table of the report as CSV or booktabs LaTeX' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiParam({ name: 'tableId', type: String })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'tex'] })
  @ApiProduces(tableTypes.csv, tableTypes.tex)
  @ApiResponse({ status: 200, description: 'the table file, as an attachment' })
  @ApiErrors(400, 404)
  async table(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Param('tableId') tableId: string,
    @Query(new ZodValidationPipe(StudyTableQuery)) query: StudyTableQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const table = await this.studies.table(user.id, id, tableId);
    return attachment(response, table[query.format], tableTypes[query.format], `${table.id}.${query.format}`);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a queued or running study',
    description:
      'The study and its queued or running analyses become cancelled; steps that already ended keep their results. Cancelling a cancelled study is a no-op; a finished one is 409.',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: studySchemas.StudyView, description: 'the study, cancelled' })
  @ApiErrors(400, 404, 409)
  cancel(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<StudyView> {
    return this.studies.cancel(user.id, id);
  }
}
