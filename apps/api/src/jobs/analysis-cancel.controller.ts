import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AnalysisView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import { CurrentUser } from '../auth/authenticated-request.js';
import { uuidParam } from '../common/uuid-param.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { AnalysisCancelService } from './analysis-cancel.service.js';

@ApiTags('analyses')
@ApiSession()
@Controller('analyses')
export class AnalysisCancelController {
  constructor(private readonly cancellation: AnalysisCancelService) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a queued or running analysis',
    description:
      'The analysis becomes `cancelled` at once and never turns succeeded; jobs not started are removed and running ones stop within seconds. Cancelling a cancelled analysis is a no-op; a succeeded or failed one is 409.',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiResponse({ status: 200, schema: ref('AnalysisView'), description: 'the analysis, cancelled' })
  @ApiErrors(400, 404, 409)
  cancel(@CurrentUser() user: UserEntity, @Param('id', uuidParam) id: string): Promise<AnalysisView> {
    return this.cancellation.cancel(user.id, id);
  }
}
