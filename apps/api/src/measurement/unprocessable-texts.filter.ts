import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { SpilloverError, type SerializedError } from '@spillover/contracts';
import type { Response } from 'express';
import { toErrorResponse } from '../common/spillover-exception.filter.js';

/**
 * A problem inside an uploaded texts file (an entry that inflates past the limits, a file that is not
 * UTF-8, a misnamed entry): the request itself was acceptable, its content is not, so it is a 422 naming
 * the entry, whatever the code (a decompression bomb keeps FILE_TOO_LARGE, which is 413 elsewhere).
 */
export class UnprocessableTextsError extends SpilloverError {
  constructor(cause: SerializedError) {
    super(cause.code, cause.message, cause.details);
  }
}

@Catch(UnprocessableTextsError)
export class UnprocessableTextsFilter implements ExceptionFilter {
  catch(error: UnprocessableTextsError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(422).json({ ...toErrorResponse(error), statusCode: 422 });
  }
}
