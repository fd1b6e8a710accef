import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AddMemberBody, CreateTeamBody, type MemberView, type TeamView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { TeamsService } from './teams.service.js';

@ApiTags('teams')
@ApiSession()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s teams and role in each' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('TeamView') } })
  list(@CurrentUser() user: UserEntity): Promise<TeamView[]> {
    return this.teams.teamsOf(user.id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a team; the caller becomes its owner' })
  @ApiBody({ schema: ref('CreateTeamBody') })
  @ApiResponse({ status: 201, schema: ref('TeamView') })
  @ApiErrors(400)
  create(
    @CurrentUser() user: UserEntity,
    @Body(new ZodValidationPipe(CreateTeamBody)) body: CreateTeamBody,
  ): Promise<TeamView> {
    return this.teams.create(user.id, body);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Members of one of the caller’s teams' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: ref('MemberView') } })
  @ApiErrors(400, 404)
  members(@CurrentUser() user: UserEntity, @Param('id', uuidParam) teamId: string): Promise<MemberView[]> {
    return this.teams.members(user.id, teamId);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add an existing user to a team (owners only)' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiBody({ schema: ref('AddMemberBody') })
  @ApiResponse({ status: 201, schema: ref('MemberView') })
  @ApiErrors(400, 403, 404, 409)
  addMember(
    @CurrentUser() user: UserEntity,
    @Param('id', uuidParam) teamId: string,
    @Body(new ZodValidationPipe(AddMemberBody)) body: AddMemberBody,
  ): Promise<MemberView> {
    return this.teams.addMember(user.id, teamId, body);
  }
}
