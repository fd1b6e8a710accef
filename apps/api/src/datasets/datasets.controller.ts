import {
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { UploadDatasetQuery, type DatasetView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Request, Response } from 'express';
import { attachment } from '../common/attachment.js';
import { CurrentUser } from '../auth/authenticated-request.js';
import { rawBodyUpload } from '../common/raw-body-upload.js';
import { TeamQuery } from '../common/team-query.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { UploadLimitGuard } from '../limits/team-limits.guards.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { datasetView } from './dataset-view.js';
import { DatasetsService } from './datasets.service.js';

const csvTypes = ['text/csv', 'application/octet-stream'];

@ApiTags('datasets')
@ApiSession()
@Controller('datasets')
export class DatasetsController {
  constructor(
    private readonly datasets: DatasetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Upload a panel CSV as a new immutable version of a named dataset',
    description:
      'The request body is the CSV itself. The panel is validated (unit and time columns present, no duplicate unit-period, cells parsed) and a report of units, periods, balance and column types is returned.',
  })
  @ApiConsumes(...csvTypes)
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid' })
  @ApiQuery({ name: 'name', type: String, description: 'dataset name; uploading it again adds a version' })
  @ApiQuery({ name: 'unit', type: String, description: 'unit id column' })
  @ApiQuery({ name: 'time', type: String, description: 'period column' })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, schema: ref('DatasetView') })
  @ApiErrors(400, 404, 413, 422)
  @UseGuards(UploadLimitGuard)
  upload(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(UploadDatasetQuery)) query: UploadDatasetQuery,
    @Req() request: Request,
  ): Promise<DatasetView> {
    const readBody = rawBodyUpload(request, csvTypes, 'the CSV', this.config.uploadMaxBytes);
    return this.datasets.upload(user.id, query, readBody);
  }

  @Get()
  @ApiOperation({ summary: 'Dataset versions of a team, newest first' })
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('DatasetView') } })
  @ApiErrors(400, 404)
  list(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(TeamQuery)) query: TeamQuery,
  ): Promise<DatasetView[]> {
    return this.datasets.list(user.id, query.teamId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dataset version with its validation report' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: ref('DatasetView') })
  @ApiErrors(400, 404)
  async get(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<DatasetView> {
    return datasetView(await this.datasets.find(user.id, id));
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'Download the CSV of a dataset version' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'the CSV bytes as uploaded',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(400, 404)
  async content(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { dataset, content } = await this.datasets.content(user.id, id);
    return attachment(
      response,
      content,
      'text/csv; charset=utf-8',
      `${dataset.name}-v${dataset.version}.csv`,
    );
  }
}
