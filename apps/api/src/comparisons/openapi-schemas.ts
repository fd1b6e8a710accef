import type { SchemaObject } from '@nestjs/swagger';
import { AnalysisListQuery, CreateComparisonBody, UpdateComparisonBody } from '@spillover/contracts';
import { fromZod, integer, nullableString, number, object, ref, string } from '../openapi/schema-builders.js';

const stringArray: SchemaObject = { type: 'array', items: string };

/** Schemas of the analyses list, comparisons, tables and provenance (components.schemas). */
export const comparisonSchemas = {
  AnalysisListQuery: fromZod(AnalysisListQuery),
  CreateComparisonBody: fromZod(CreateComparisonBody),
  UpdateComparisonBody: fromZod(UpdateComparisonBody),
  ComparisonView: object({
    id: string,
    teamId: string,
    title: string,
    analysisIds: stringArray,
    columnLabels: stringArray,
    modelTitles: stringArray,
    variableLabels: { type: 'object', additionalProperties: string },
    createdBy: string,
    createdAt: string,
    updatedAt: string,
  }),
  ComparisonTable: object({
    title: string,
    columns: {
      type: 'array',
      items: object({ analysisId: string, label: string, title: string, dependent: string }),
    },
    sections: {
      type: 'array',
      items: object({
        id: string,
        title: string,
        rows: {
          type: 'array',
          items: object({
            key: string,
            label: string,
            format: { type: 'string', enum: ['estimate', 'number', 'integer', 'text'] },
            cells: {
              type: 'array',
              items: {
                ...object({ value: number, se: number, p: number, stars: string, text: string }, [
                  'value',
                  'se',
                  'p',
                  'stars',
                  'text',
                ]),
                nullable: true,
              },
            },
          }),
        },
      }),
    },
    digits: integer,
    starLevels: { type: 'array', items: object({ stars: string, p: number }) },
    notes: stringArray,
  }),
  AnalysisProvenance: object({
    analysisId: string,
    status: string,
    dataset: object({
      id: string,
      name: string,
      version: integer,
      sha256: string,
      sizeBytes: integer,
      createdAt: string,
    }),
    weights: { ...object({ id: string, name: string, version: integer, sha256: string }), nullable: true },
    spec: ref('AnalysisSpec'),
    code: object({ version: string, commit: string }),
    seeds: { type: 'array', items: object({ path: string, seed: integer }) },
    worker: nullableString,
    queue: string,
    jobId: string,
    attempts: integer,
    createdAt: string,
    startedAt: nullableString,
    finishedAt: nullableString,
    durationMs: { type: 'integer', nullable: true },
    rerunOf: nullableString,
  }),
} satisfies Record<string, SchemaObject>;
