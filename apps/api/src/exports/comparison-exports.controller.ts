import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ExportQuery } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Response } from 'express';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { exportProduces } from './analysis-exports.controller.js';
import { attachment } from '../common/attachment.js';
import { exportFile } from './export-file.js';
import { ExportsService } from './exports.service.js';

@ApiTags('comparisons')
@ApiSession()
@Controller('comparisons')
export class ComparisonExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':id/export')
  @ApiOperation({
    summary: 'The comparison table as LaTeX (booktabs), Word, CSV or Markdown',
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
    const { table, stem } = await this.exports.comparisonTable(user.id, id, query.digits);
    return exportFile(response, table, query, stem);
  }

  @Get(':id/bundle')
  @ApiOperation({ summary: 'Replication bundle (ZIP) of every model of the comparison, with the table' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiProduces('application/zip')
  @ApiResponse({ status: 200, description: 'the ZIP archive, as an attachment' })
  @ApiErrors(400, 404, 422)
  async bundle(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const zip = await this.exports.comparisonBundle(user.id, id);
    return attachment(response, zip, 'application/zip', `comparison-${id.slice(0, 8)}-replication.zip`);
  }
}
