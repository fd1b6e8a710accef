import { applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiResponse } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-token.js';
import { ref } from './schemas.js';

const statusDescriptions: Record<number, string> = {
  400: 'invalid body, query or parameter: `issues` names each field',
  401: 'no valid session',
  403: 'the caller may not do this in the team',
  404: 'absent, or not in one of the caller’s teams',
  409: 'conflicts with existing data',
  413: 'upload larger than UPLOAD_MAX_BYTES',
  422: 'the file or spec is well-formed but unusable: the message names the row, column, unit or field',
};

/** Documents the ErrorResponse of each listed status; 401 is added for routes behind the session. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: statusDescriptions[status], schema: ref('ErrorResponse') }),
    ),
  );
}

/** A route behind the session cookie. */
export function ApiSession(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiCookieAuth(SESSION_COOKIE), ApiErrors(401));
}
