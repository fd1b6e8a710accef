import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { SpilloverError, type ErrorResponse } from '@spillover/contracts';
import type { Response } from 'express';
import { ZodError } from 'zod';
import { errorCodeOfStatus, httpStatusOf } from './http-status.js';
import { zodIssues, type Issue } from './zod-issues.js';

/** Errors of body-parser and other express middleware: http-errors with a status. */
function httpErrorStatus(error: unknown): number | undefined {
  if (error instanceof Error && 'status' in error && typeof error.status === 'number') return error.status;
  return undefined;
}

/** Turns any thrown value into an ErrorResponse; a server-side failure is logged with the request. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof SpilloverError) {
    const { issues, ...details } = error.details;
    const response: ErrorResponse = {
      statusCode: httpStatusOf(error.code),
      code: error.code,
      message: error.message,
    };
    if (Object.keys(details).length > 0) response.details = details;
    if (Array.isArray(issues)) response.issues = issues as Issue[];
    return response;
  }
  if (error instanceof ZodError) {
    const issues = zodIssues(error);
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
      issues,
    };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    return { statusCode, code: errorCodeOfStatus(statusCode), message: error.message };
  }
  const status = httpErrorStatus(error);
  if (status !== undefined && status >= 400 && status < 500) {
    const { message, type } = error as Error & { type?: string };
    return {
      statusCode: status,
      code: errorCodeOfStatus(status),
      message: type === 'entity.parse.failed' ? `the request body is not valid JSON: ${message}` : message,
    };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'internal server error' };
}

@Catch()
export class SpilloverExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<{ method: string; originalUrl: string }>();
    const body = toErrorResponse(error);
    if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${request.originalUrl} failed: ${error instanceof Error ? error.message : String(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
    }
    // an SSE stream may already be open; it is simply ended
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(body.statusCode).json(body);
  }
}
