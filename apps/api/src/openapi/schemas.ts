import {
  AddMemberBody,
  AnalysisResult,
  AnalysisSpec,
  analysisStatuses,
  BuildWeightsBody,
  CreateAnalysisBody,
  CreateTeamBody,
  errorCodes,
  LoginBody,
  Progress,
  SignUpBody,
  weightsFormats,
} from '@spillover/contracts';
import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { adminSchemas } from '../admin/openapi-schemas.js';
import { comparisonSchemas } from '../comparisons/openapi-schemas.js';
import { dateTime, fromZod, integer, nullable, object, ref, string, uuid } from './schema-builders.js';

export { ref } from './schema-builders.js';

const role: SchemaObject = { type: 'string', enum: ['owner', 'member'] };

const serializedError = object(
  { code: { type: 'string', enum: [...errorCodes] }, message: string, details: { type: 'object' } },
  ['details'],
);

export const schemas = {
  SignUpBody: fromZod(SignUpBody),
  LoginBody: fromZod(LoginBody),
  CreateTeamBody: fromZod(CreateTeamBody),
  AddMemberBody: fromZod(AddMemberBody),
  CreateAnalysisBody: fromZod(CreateAnalysisBody),
  AnalysisSpec: fromZod(AnalysisSpec),
  AnalysisResult: z.toJSONSchema(AnalysisResult, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
  }) as SchemaObject,
  Progress: z.toJSONSchema(Progress, { target: 'openapi-3.0' }) as SchemaObject,
  UserView: object({ id: uuid, email: string, name: string, isAdmin: { type: 'boolean' } }),
  TeamView: object({ id: uuid, name: string, role }),
  MemberView: object({ userId: uuid, email: string, name: string, role }),
  MeView: object({ user: ref('UserView'), teams: { type: 'array', items: ref('TeamView') } }),
  ValidationReport: object({
    rows: integer,
    unitColumn: string,
    timeColumn: string,
    units: integer,
    periods: integer,
    timeValues: { type: 'array', items: { oneOf: [string, { type: 'number' }] } },
    balanced: { type: 'boolean' },
    missingUnitPeriods: {
      type: 'array',
      items: object({ unit: string, time: { oneOf: [string, { type: 'number' }] } }),
    },
    missingUnitPeriodCount: integer,
    columns: {
      type: 'array',
      items: object(
        {
          name: string,
          type: { type: 'string', enum: ['numeric', 'text'] },
          missing: integer,
          firstTextCell: object({ row: integer, value: string }),
        },
        ['firstTextCell'],
      ),
    },
  }),
  DatasetView: object({
    id: uuid,
    teamId: uuid,
    name: string,
    version: integer,
    sha256: string,
    sizeBytes: integer,
    createdAt: dateTime,
    createdBy: uuid,
    report: ref('ValidationReport'),
    sourceDatasetId: { ...uuid, nullable: true },
    sourceAnalysisId: { ...uuid, nullable: true },
    recipe: {
      type: 'object',
      nullable: true,
      description:
        'how a platform-made version was made: `{ source: "measurement", analysisId, spec, sourceDatasetId, sourceName, sourceVersion, columns }` or `{ source: "texts", format, texts, textColumn }`; null for an uploaded panel',
    },
  }),
  AnalysisView: object({
    id: uuid,
    teamId: uuid,
    datasetId: uuid,
    title: { type: 'string', nullable: true },
    kind: string,
    model: { type: 'string', nullable: true },
    status: { type: 'string', enum: [...analysisStatuses] },
    progress: nullable(ref('Progress')),
    spec: ref('AnalysisSpec'),
    result: nullable(ref('AnalysisResult')),
    error: nullable(serializedError),
    attempts: integer,
    createdBy: uuid,
    createdAt: dateTime,
    startedAt: { ...dateTime, nullable: true },
    finishedAt: { ...dateTime, nullable: true },
    derivedDatasetId: { ...uuid, nullable: true },
  }),
  AnalysisStatusEvent: object({
    id: uuid,
    status: { type: 'string', enum: [...analysisStatuses] },
    error: nullable(serializedError),
  }),
  ErrorResponse: object(
    {
      statusCode: integer,
      code: { type: 'string', enum: [...errorCodes] },
      message: string,
      details: { type: 'object', description: 'field, column, row, unit… the error points at' },
      issues: { type: 'array', items: object({ path: string, message: string }) },
    },
    ['details', 'issues'],
  ),
  BuildWeightsBody: fromZod(BuildWeightsBody),
  WeightsSummaryView: object({
    n: integer,
    links: integer,
    neighbours: object({ min: integer, mean: { type: 'number' }, max: integer }),
    connectivityPercent: { type: 'number' },
    symmetric: { type: 'boolean' },
    islands: { type: 'array', items: string },
  }),
  WeightsView: object({
    id: uuid,
    teamId: uuid,
    name: string,
    version: integer,
    sha256: string,
    format: { type: 'string', enum: [...weightsFormats] },
    n: integer,
    unitIds: { type: 'array', items: string },
    summary: ref('WeightsSummaryView'),
    recipe: {
      type: 'object',
      description:
        'how the weights were made: `{ source: "upload", fileName, format }` or `{ source: "build", datasetName, datasetVersion, datasetId, method, … }`',
    },
    createdAt: dateTime,
    createdBy: uuid,
  }),
  Health: object(
    {
      ok: { type: 'boolean' },
      mode: { type: 'string', enum: ['full', 'embedded'] },
      failing: { type: 'array', items: { type: 'string' } },
    },
    ['failing'],
  ),
  ...adminSchemas,
  ...comparisonSchemas,
} satisfies Record<string, SchemaObject>;
