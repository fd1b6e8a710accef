import type { PipeTransform } from '@nestjs/common';
import type { ErrorCode } from '@spillover/contracts';
import type { z } from 'zod';
import { parseInput } from './zod-issues.js';

/** Validates a body, query or parameter with a zod schema; failures are 400 naming each field. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly code: ErrorCode = 'VALIDATION_FAILED',
  ) {}

  transform(value: unknown): z.output<S> {
    return parseInput(this.schema, value, this.code);
  }
}
