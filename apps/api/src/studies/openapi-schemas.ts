import {
  analysisStatuses,
  CreateSampleDatasetBody,
  CreateStudyBody,
  studyStages,
  studyStatuses,
  studyTemplates,
} from '@spillover/contracts';
import { dateTime, fromZod, nullable, object, ref, string, uuid } from '../openapi/schema-builders.js';

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
