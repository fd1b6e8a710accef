import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateComparisonBody,
  UpdateComparisonBody,
  type ComparisonTable,
  type ComparisonView,
} from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import { z } from 'zod';
import { CurrentUser } from '../auth/authenticated-request.js';
import { TeamQuery } from '../common/team-query.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { ComparisonsService, comparisonView } from './comparisons.service.js';

const TableQuery = z.strictObject({ digits: z.coerce.number().int().min(0).max(10).optional() });

@ApiTags('comparisons')
@ApiSession()
@Controller('comparisons')
export class ComparisonsController {
  constructor(private readonly comparisons: ComparisonsService) {}

  @Post()
  @ApiOperation({
    summary: 'Save a comparison of succeeded regressions of a team (columns in the given order)',
  })
  @ApiBody({ schema: ref('CreateComparisonBody') })
  @ApiResponse({ status: 201, schema: ref('ComparisonView') })
  @ApiErrors(400, 404, 422)
  create(
    @CurrentUser() user: UserEntity,
    @Body(new ZodValidationPipe(CreateComparisonBody)) body: CreateComparisonBody,
  ): Promise<ComparisonView> {
    return this.comparisons.create(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Comparisons of a team, most recently changed first' })
  @ApiQuery({ name: 'teamId', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('ComparisonView') } })
  @ApiErrors(400, 404)
  list(
    @CurrentUser() user: UserEntity,
    @Query(new ZodValidationPipe(TeamQuery)) query: TeamQuery,
  ): Promise<ComparisonView[]> {
    return this.comparisons.list(user.id, query.teamId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One comparison' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: ref('ComparisonView') })
  @ApiErrors(400, 404)
  async get(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<ComparisonView> {
    return comparisonView(await this.comparisons.find(user.id, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the title, the columns (order) or the labels of a comparison' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiBody({ schema: ref('UpdateComparisonBody') })
  @ApiResponse({ status: 200, schema: ref('ComparisonView') })
  @ApiErrors(400, 404, 422)
  update(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(UpdateComparisonBody)) body: UpdateComparisonBody,
  ): Promise<ComparisonView> {
    return this.comparisons.update(user.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a comparison (its analyses stay)' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 204, description: 'deleted' })
  @ApiErrors(400, 404)
  remove(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<void> {
    return this.comparisons.remove(user.id, id);
  }

  @Get(':id/table')
  @ApiOperation({
    summary:
      'The comparison table: one column per model; coefficients (SE, stars), ρ/λ/τ/η, effects (incl. long run), fixed effects and weights, N, R², log-likelihood, AIC/BIC',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiQuery({ name: 'digits', required: false, type: Number })
  @ApiResponse({ status: 200, schema: ref('ComparisonTable') })
  @ApiErrors(400, 404, 422)
  table(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Query(new ZodValidationPipe(TableQuery)) query: z.infer<typeof TableQuery>,
  ): Promise<ComparisonTable> {
    return this.comparisons.table(user.id, id, query.digits);
  }
}
