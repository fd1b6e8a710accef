import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AdminJobsQuery,
  UpdateTeamLimitsBody,
  type AdminJobView,
  type AdminOverview,
  type QueueSummaryView,
  type TeamLimitsView,
} from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { TeamLimits } from '../limits/team-limits.service.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { AdminGuard } from './admin.guard.js';
import { AdminQueues } from './admin-queues.service.js';

@ApiTags('admin')
@ApiSession()
@ApiErrors(403)
@UseGuards(AdminGuard)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly queues: AdminQueues,
    private readonly limits: TeamLimits,
  ) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'Every queue (counts by state, paused, completed/failed per minute over the last hour), worker connections and running analyses',
  })
  @ApiResponse({ status: 200, schema: ref('AdminOverview') })
  overview(): Promise<AdminOverview> {
    return this.queues.overview();
  }

  @Get('jobs')
  @ApiOperation({
    summary: 'Jobs in one state (default failed), with reasons; filter by queue, analysis or team',
  })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('AdminJobView') } })
  @ApiErrors(400, 404)
  jobs(@Query(new ZodValidationPipe(AdminJobsQuery)) query: AdminJobsQuery): Promise<AdminJobView[]> {
    return this.queues.jobs(query);
  }

  @Post('jobs/:queue/:jobId/retry')
  @HttpCode(204)
  @ApiOperation({ summary: 'Retry a failed job' })
  @ApiParam({ name: 'queue', type: String })
  @ApiParam({ name: 'jobId', type: String })
  @ApiResponse({ status: 204, description: 'moved back to waiting' })
  @ApiErrors(404, 409)
  retry(@Param('queue') queue: string, @Param('jobId') jobId: string): Promise<void> {
    return this.queues.retry(queue, jobId);
  }

  @Delete('jobs/:queue/:jobId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a job that is not running' })
  @ApiParam({ name: 'queue', type: String })
  @ApiParam({ name: 'jobId', type: String })
  @ApiResponse({ status: 204, description: 'removed' })
  @ApiErrors(404, 409)
  remove(@Param('queue') queue: string, @Param('jobId') jobId: string): Promise<void> {
    return this.queues.remove(queue, jobId);
  }

  @Post('queue/:queue/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a queue for every worker (running jobs finish)' })
  @ApiParam({ name: 'queue', type: String })
  @ApiResponse({ status: 200, schema: ref('QueueSummaryView') })
  @ApiErrors(404)
  pause(@Param('queue') queue: string): Promise<QueueSummaryView> {
    return this.queues.pause(queue);
  }

  @Post('queue/:queue/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused queue' })
  @ApiParam({ name: 'queue', type: String })
  @ApiResponse({ status: 200, schema: ref('QueueSummaryView') })
  @ApiErrors(404)
  resume(@Param('queue') queue: string): Promise<QueueSummaryView> {
    return this.queues.resume(queue);
  }

  @Get('teams')
  @ApiOperation({ summary: 'Every team with its limits and usage' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('TeamLimitsView') } })
  teams(): Promise<TeamLimitsView[]> {
    return this.limits.list();
  }

  @Get('teams/:id/limits')
  @ApiOperation({ summary: 'Limits of a team (null: the default applies), the effective ones and its usage' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: ref('TeamLimitsView') })
  @ApiErrors(400, 404)
  teamLimits(@Param('id', uuidParam) id: string): Promise<TeamLimitsView> {
    return this.limits.view(id);
  }

  @Put('teams/:id/limits')
  @ApiOperation({ summary: 'Set the limits of a team (null: back to the default)' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiBody({ schema: ref('UpdateTeamLimitsBody') })
  @ApiResponse({ status: 200, schema: ref('TeamLimitsView') })
  @ApiErrors(400, 404)
  setTeamLimits(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(UpdateTeamLimitsBody)) body: UpdateTeamLimitsBody,
  ): Promise<TeamLimitsView> {
    return this.limits.update(id, body, user.id);
  }
}
