import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** Small builders of OpenAPI 3.0 schemas, shared by the schema modules of every area. */

export type SchemaOrRef = SchemaObject | { $ref: string };

/** A reference to a schema of `components.schemas`. */
export function ref(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** Request bodies: the contracts' zod schemas as the client writes them (defaults optional). */
export function fromZod(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as SchemaObject;
}

/** An object whose properties are all required but the `optional` ones. */
export function object(properties: Record<string, SchemaOrRef>, optional: string[] = []): SchemaObject {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
  };
}

/** The schema or null (allOf, so that it works for references too). */
export function nullable(schema: SchemaOrRef): SchemaObject {
  return { allOf: [schema], nullable: true };
}

export const string: SchemaObject = { type: 'string' };
export const nullableString: SchemaObject = { type: 'string', nullable: true };
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
export const integer: SchemaObject = { type: 'integer' };
export const number: SchemaObject = { type: 'number' };
