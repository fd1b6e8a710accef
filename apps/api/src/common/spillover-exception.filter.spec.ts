import { NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { errorCodes, SpilloverError, type ErrorCode } from '@spillover/contracts';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { httpStatusOf } from './http-status.js';
import { SpilloverExceptionFilter, toErrorResponse } from './spillover-exception.filter.js';

const expectedStatus: Record<number, ErrorCode[]> = {
  400: ['INVALID_SPEC', 'VALIDATION_FAILED'],
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN'],
  404: ['NOT_FOUND'],
  409: ['CONFLICT'],
  413: ['FILE_TOO_LARGE'],
  429: ['LIMIT_EXCEEDED'],
  422: [
    'UNKNOWN_COLUMN',
    'EMPTY_FILE',
    'MALFORMED_CSV',
    'DUPLICATE_ROW',
    'NON_NUMERIC_CELL',
    'MISSING_COLUMN',
    'UNSUPPORTED',
    'INSUFFICIENT_DATA',
    'INVALID_WEIGHTS',
    'UNBALANCED_PANEL',
  ],
};

describe('httpStatusOf', () => {
  it('maps every error code; the rest are platform failures (500)', () => {
    for (const code of errorCodes) {
      const status = Object.entries(expectedStatus).find(([, codes]) => codes.includes(code))?.[0];
      expect([code, httpStatusOf(code)]).toEqual([code, status ? Number(status) : 500]);
    }
  });
});

describe('toErrorResponse', () => {
  it('keeps code, message and details of a SpilloverError', () => {
    const error = new SpilloverError('DUPLICATE_ROW', 'panel CSV line 5: unit "AL" appears twice in 1970', {
      row: 5,
      unit: 'AL',
    });
    expect(toErrorResponse(error)).toEqual({
      statusCode: 422,
      code: 'DUPLICATE_ROW',
      message: 'panel CSV line 5: unit "AL" appears twice in 1970',
      details: { row: 5, unit: 'AL' },
    });
  });

  it('lifts validation issues out of the details', () => {
    const issues = [{ path: 'spec.foo', message: 'unknown field "foo"' }];
    const error = new SpilloverError('INVALID_SPEC', 'spec.foo: unknown field "foo"', {
      field: 'spec.foo',
      issues,
    });
    expect(toErrorResponse(error)).toEqual({
      statusCode: 400,
      code: 'INVALID_SPEC',
      message: 'spec.foo: unknown field "foo"',
      details: { field: 'spec.foo' },
      issues,
    });
  });

  it('turns a ZodError into 400 naming each field', () => {
    const parsed = z
      .strictObject({ a: z.number(), b: z.object({ c: z.string() }) })
      .safeParse({ a: 'x', b: {}, d: 1 });
    const response = toErrorResponse(parsed.error);
    expect(response.statusCode).toBe(400);
    expect(response.code).toBe('VALIDATION_FAILED');
    expect(response.issues?.map((issue) => issue.path)).toEqual(['a', 'b.c', 'd']);
  });

  it('maps Nest and body-parser HTTP errors by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'))).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /x',
    });
    const parseFailure = Object.assign(new SyntaxError('Unexpected token'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(toErrorResponse(parseFailure)).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'the request body is not valid JSON: Unexpected token',
    });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    expect(toErrorResponse(tooLarge)).toMatchObject({ statusCode: 413, code: 'FILE_TOO_LARGE' });
  });

  it('hides unknown errors behind a 500', () => {
    expect(toErrorResponse(new TypeError('x is undefined'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'internal server error',
    });
  });
});

describe('SpilloverExceptionFilter', () => {
  function host(headersSent = false) {
    const response = { headersSent, status: vi.fn(), json: vi.fn(), end: vi.fn() };
    response.status.mockReturnValue(response);
    const request = { method: 'GET', originalUrl: '/analyses/1' };
    const argumentsHost = {
      switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
    } as unknown as ArgumentsHost;
    return { response, argumentsHost };
  }

  it('answers with the ErrorResponse and logs only server failures', () => {
    const filter = new SpilloverExceptionFilter();
    const log = vi
      .spyOn((filter as unknown as { logger: { error: () => void } }).logger, 'error')
      .mockImplementation(() => undefined);
    const notFound = host();
    filter.catch(new SpilloverError('NOT_FOUND', 'analysis 1 not found'), notFound.argumentsHost);
    expect(notFound.response.status).toHaveBeenCalledWith(404);
    expect(notFound.response.json).toHaveBeenCalledWith({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'analysis 1 not found',
    });
    expect(log).not.toHaveBeenCalled();

    const crash = host();
    filter.catch(new Error('connection reset'), crash.argumentsHost);
    expect(crash.response.status).toHaveBeenCalledWith(500);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('GET /analyses/1 failed: connection reset'),
      expect.any(String),
    );
  });

  it('ends a response whose headers are already sent (an open event stream)', () => {
    const filter = new SpilloverExceptionFilter();
    const streaming = host(true);
    filter.catch(new SpilloverError('NOT_FOUND', 'gone'), streaming.argumentsHost);
    expect(streaming.response.end).toHaveBeenCalled();
    expect(streaming.response.status).not.toHaveBeenCalled();
  });
});
