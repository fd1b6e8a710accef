import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe.js';

/** A path id must be a UUID: 400 naming the parameter, rather than a database error. */
export const uuidParam = new ZodValidationPipe(z.string().uuid('id must be a UUID'));
