import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ExportQuery, type AnalysisProvenance, type AnalysisView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Response } from 'express';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { attachment } from '../common/attachment.js';
import { exportFile } from './export-file.js';
import { ExportsService } from './exports.service.js';

export const exportProduces = [
  'application/x-tex',
  'text/markdown',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

@ApiTags('analyses')
@ApiSession()
@Controller('analyses')
export class AnalysisExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':id/provenance')
  @ApiOperation({
    summary:
      'Where a result came from: dataset version and sha256, exact spec, code version, seeds, worker, queue, run times',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: ref('AnalysisProvenance') })
  @ApiErrors(400, 404)
  provenance(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
  ): Promise<AnalysisProvenance> {
    return this.exports.analysisProvenance(user.id, id);
  }

  @Post(':id/rerun')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run again: a new analysis with the same spec (seeds included) on the same dataset version',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 202, schema: ref('AnalysisView'), description: 'the new analysis, queued' })
  @ApiErrors(400, 404, 422, 429)
  rerun(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<AnalysisView> {
    return this.exports.rerun(user.id, id);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'The result table as LaTeX (booktabs), Word, CSV or Markdown',
    description:
      'CSV: one line per number; `raw=true` writes every number at full precision instead of the displayed decimals.',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiQuery({ name: 'format', enum: ['latex', 'docx', 'csv', 'markdown'] })
  @ApiQuery({ name: 'raw', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'digits', required: false, type: Number })
  @ApiProduces(...exportProduces)
  @ApiResponse({ status: 200, description: 'the table file, as an attachment' })
  @ApiErrors(400, 404, 422)
  async export(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Query(new ZodValidationPipe(ExportQuery)) query: ExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { table, stem } = await this.exports.analysisTable(user.id, id, query.digits);
    return exportFile(response, table, query, stem);
  }

  @Get(':id/bundle')
  @ApiOperation({
    summary:
      'Replication bundle (ZIP): the dataset version, runnable spec, result, provenance, an R script and the table',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiProduces('application/zip')
  @ApiResponse({ status: 200, description: 'the ZIP archive, as an attachment' })
  @ApiErrors(400, 404)
  async bundle(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const zip = await this.exports.analysisBundle(user.id, id);
    return attachment(response, zip, 'application/zip', `analysis-${id.slice(0, 8)}-replication.zip`);
  }
}
