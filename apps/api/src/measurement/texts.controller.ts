import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  PreviewTextsBody,
  UploadTextsQuery,
  type DatasetView,
  type KeywordCountResult,
  type KeywordDictionaryView,
} from '@spillover/contracts';
import { defaultDigitalDictionary } from '@spillover/core';
import type { UserEntity } from '@spillover/db';
import type { Request } from 'express';
import { CurrentUser } from '../auth/authenticated-request.js';
import { rawBodyUpload } from '../common/raw-body-upload.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { TextsService } from './texts.service.js';
import { UnprocessableTextsFilter } from './unprocessable-texts.filter.js';

const textsTypes = [
  'application/zip',
  'application/x-zip-compressed',
  'text/csv',
  'application/octet-stream',
];

@ApiTags('texts')
@ApiSession()
@Controller('texts')
@UseFilters(UnprocessableTextsFilter)
export class TextsController {
  constructor(
    private readonly texts: TextsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Upload policy texts as a texts panel (a new dataset version) for keyword counts',
    description:
      'The body is a ZIP archive of UTF-8 files named `<unit>_<period>.txt` (application/zip), or a UTF-8 CSV with unit, time and text columns (text/csv). ZIP entries are inflated within limits (entries, bytes per file and in all, 100× compression ratio): a decompression bomb, a file that is not UTF-8 or a misnamed entry is a 422 naming the entry.',
  })
  @ApiConsumes(...textsTypes)
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid' })
  @ApiQuery({ name: 'name', type: String, description: 'dataset name; uploading it again adds a version' })
  @ApiQuery({ name: 'unit', type: String, required: false, description: 'unit column (default unit)' })
  @ApiQuery({ name: 'time', type: String, required: false, description: 'period column (default time)' })
  @ApiQuery({ name: 'text', type: String, required: false, description: 'text column (default text)' })
  @ApiQuery({
    name: 'fileName',
    type: String,
    required: false,
    description: 'name of the file, for messages',
  })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, schema: ref('DatasetView') })
  @ApiErrors(400, 404, 413, 422)
  upload(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(UploadTextsQuery)) query: UploadTextsQuery,
    @Req() request: Request,
  ): Promise<DatasetView> {
    const readBody = rawBodyUpload(request, textsTypes, 'the ZIP archive or CSV', this.config.uploadMaxBytes);
    return this.texts.upload(user.id, query, request.headers['content-type'], readBody);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Keyword counts of the first texts of a texts dataset',
    description:
      'Runs the keyword-count rules on the first `limit` rows (file order) with the dictionary as edited (`terms` replaces the default, `add`, `remove`); the keyword-count analysis counts the whole panel and stores the counts as a new dataset version.',
  })
  @ApiBody({
    schema: { type: 'object', description: 'PreviewTextsBody: { datasetId, text?, dictionary?, limit? }' },
  })
  @ApiResponse({ status: 200, schema: ref('AnalysisResult'), description: 'a keyword-count result' })
  @ApiErrors(400, 404, 422)
  preview(
    @CurrentUser() user: UserEntity,
    @Body(new ZodValidationPipe(PreviewTextsBody)) body: PreviewTextsBody,
  ): Promise<KeywordCountResult> {
    return this.texts.preview(user.id, body);
  }

  @Get('dictionary')
  @ApiOperation({ summary: 'The default keyword dictionary (digital economy and digital government terms)' })
  @ApiResponse({
    status: 200,
    schema: { type: 'object', properties: { terms: { type: 'array', items: { type: 'string' } } } },
  })
  dictionary(): KeywordDictionaryView {
    return { terms: [...defaultDigitalDictionary] };
  }
}
