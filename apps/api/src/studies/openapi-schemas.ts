import type { SchemaObject } from '@nestjs/swagger';
import {
  analysisStatuses,
  CreateSampleDatasetBody,
  CreateStudyBody,
  studyStages,
  studyStatuses,
  studyTemplates,
} from '@spillover/contracts';
import { z } from 'zod';

const string: SchemaObject = { type: 'string' };
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const object = (
  properties: Record<string, SchemaObject | { $ref: string }>,
  optional: string[] = [],
): SchemaObject => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
});
const fromZod = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as SchemaObject;

const idsOf = (keys: string[]) => nullable(object(Object.fromEntries(keys.map((key) => [key, uuid]))));

const StudyStepView = object({
  stepId: string,
  title: string,
  position: { type: 'integer' },
  phase: { type: 'string', enum: ['measurement', 'estimation'] },
  analysisId: uuid,
  status: { type: 'string', enum: [...analysisStatuses] },
  progress: { allOf: [ref('Progress')], nullable: true },
  error: nullable({ type: 'object' }),
});

/** Inline schemas of the study routes (contracts' studies.ts). */
export const studySchemas = {
  CreateStudyBody: fromZod(CreateStudyBody),
  CreateSampleDatasetBody: fromZod(CreateSampleDatasetBody),
  StudyView: object({
    id: uuid,
    teamId: uuid,
    name: string,
    template: { type: 'string', enum: [...studyTemplates] },
    status: { type: 'string', enum: [...studyStatuses] },
    stage: { type: 'string', enum: [...studyStages] },
    options: object({
      seed: { type: 'integer' },
      quick: { type: 'boolean' },
      cities: nullable({ type: 'integer' }),
    }),
    createdAt: dateTime,
    startedAt: nullable(dateTime),
    finishedAt: nullable(dateTime),
    createdBy: uuid,
    error: nullable({ type: 'object' }),
    steps: { type: 'array', items: StudyStepView },
    failedSteps: { type: 'array', items: string },
    datasets: idsOf(['panel', 'texts', 'analysis', 'balanced']),
    weights: idsOf(['knn', 'inverse', 'economic']),
    report: object({
      available: { type: 'boolean' },
      tables: { type: 'array', items: object({ id: string, stepId: string, analysisId: uuid }) },
    }),
  }),
};
