import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
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
import {
  BuildWeightsBody,
  ContiguityWeightsQuery,
  contiguityTypes,
  UploadWeightsQuery,
  weightsFileName,
  weightsFormats,
  type WeightsView,
} from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Request, Response } from 'express';
import { attachment } from '../common/attachment.js';
import { CurrentUser } from '../auth/authenticated-request.js';
import { rawBodyUpload } from '../common/raw-body-upload.js';
import { TeamQuery } from '../common/team-query.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { weightsView } from './weights-view.js';
import { WeightsService } from './weights.service.js';

/** GAL and GWT files are plain text; matrices and edge lists are CSV. */
const fileTypes = ['text/csv', 'text/plain', 'application/octet-stream'];
/** GeoJSON uploads; the JSON body parser leaves this route's body unread (main.ts). */
const geojsonTypes = ['application/geo+json', 'application/json'];

@ApiTags('weights')
@ApiSession()
@Controller('weights')
export class WeightsController {
  constructor(
    private readonly weights: WeightsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Upload a spatial weights file as a new immutable version of named weights',
    description:
      'The request body is the file itself: a labelled square matrix CSV (`id,<u1>,<u2>,…`), an edge list CSV (`from,to[,weight]`), a GeoDa GAL or GWT file. The name’s extension (.csv, .gal, .gwt) or `format` picks the parser. A non-square matrix, a non-zero diagonal or a negative weight is refused naming the units; islands are reported in the summary.',
  })
  @ApiConsumes(...fileTypes)
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid' })
  @ApiQuery({
    name: 'name',
    type: String,
    description: 'weights name, e.g. W.csv; uploading it again adds a version',
  })
  @ApiQuery({ name: 'format', enum: weightsFormats, required: false })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, schema: ref('WeightsView') })
  @ApiErrors(400, 404, 413, 422)
  upload(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(UploadWeightsQuery)) query: UploadWeightsQuery,
    @Req() request: Request,
  ): Promise<WeightsView> {
    const readBody = rawBodyUpload(request, fileTypes, 'the weights file', this.config.uploadMaxBytes);
    return this.weights.upload(user.id, query, readBody);
  }

  @Post('build')
  @ApiOperation({
    summary: 'Build spatial weights from the coordinates or an attribute of a dataset’s units',
    description:
      'k nearest neighbours, distance band, inverse distance (optionally cut off), economic distance (1/|mean difference| of a variable) or economic-geographic nested weights. Each unit’s coordinates are its first non-missing values; coordinates that change over time are refused naming the unit. Stored as an edge list.',
  })
  @ApiBody({ schema: ref('BuildWeightsBody') })
  @ApiResponse({ status: 201, schema: ref('WeightsView') })
  @ApiErrors(400, 404, 422)
  build(
    @CurrentUser() user: UserEntity,
    @Body(new ZodValidationPipe(BuildWeightsBody)) body: BuildWeightsBody,
  ): Promise<WeightsView> {
    return this.weights.build(user.id, body);
  }

  @Post('contiguity')
  @ApiOperation({
    summary: 'Build queen or rook contiguity weights from uploaded GeoJSON polygons',
    description:
      'The request body is a GeoJSON FeatureCollection of Polygon/MultiPolygon features; `idProperty` names the feature property holding the unit id. Queen links units whose boundaries share a point, rook units sharing an edge (both up to the `snap` tolerance). A missing or duplicate id or a malformed geometry is refused naming the feature; units without neighbours are kept as islands. Stored as an edge list.',
  })
  @ApiConsumes(...geojsonTypes)
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid' })
  @ApiQuery({ name: 'name', type: String, description: 'weights name; building it again adds a version' })
  @ApiQuery({ name: 'idProperty', type: String, description: 'feature property holding the unit id' })
  @ApiQuery({ name: 'type', enum: contiguityTypes })
  @ApiQuery({
    name: 'snap',
    type: Number,
    required: false,
    description: 'snap tolerance in coordinate units (default 1e-7 of the map’s extent)',
  })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, schema: ref('WeightsView') })
  @ApiErrors(400, 404, 413, 422)
  contiguity(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(ContiguityWeightsQuery)) query: ContiguityWeightsQuery,
    @Req() request: Request,
  ): Promise<WeightsView> {
    const readBody = rawBodyUpload(request, geojsonTypes, 'the GeoJSON file', this.config.uploadMaxBytes);
    return this.weights.contiguity(user.id, query, readBody);
  }

  @Get()
  @ApiOperation({ summary: 'Weights versions of a team, newest first' })
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('WeightsView') } })
  @ApiErrors(400, 404)
  list(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(TeamQuery)) query: TeamQuery,
  ): Promise<WeightsView[]> {
    return this.weights.list(user.id, query.teamId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One weights version: unit ids, neighbour summary and how it was made' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: ref('WeightsView') })
  @ApiErrors(400, 404)
  async get(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<WeightsView> {
    return weightsView(await this.weights.find(user.id, id));
  }

  @Get(':id/content')
  @ApiOperation({
    summary: 'Download the weights text that analyses read (an upload as sent, a build as an edge list)',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiProduces('text/csv', 'text/plain')
  @ApiResponse({ status: 200, description: 'the weights text', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async content(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { weights, content } = await this.weights.content(user.id, id);
    const type = weights.format === 'gal' || weights.format === 'gwt' ? 'text/plain' : 'text/csv';
    return attachment(
      response,
      content,
      `${type}; charset=utf-8`,
      weightsFileName(weights.name, weights.format),
    );
  }
}
