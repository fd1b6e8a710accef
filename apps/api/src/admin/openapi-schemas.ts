import type { SchemaObject } from '@nestjs/swagger';
import { jobStates, UpdateTeamLimitsBody } from '@spillover/contracts';
import { z } from 'zod';
import { integer, nullableString, object, ref, string } from '../openapi/schema-builders.js';

/** Schemas of the admin endpoints (components.schemas). */
export const adminSchemas = {
  QueueSummaryView: object({
    name: string,
    paused: { type: 'boolean' },
    counts: object(Object.fromEntries(jobStates.map((state) => [state, integer]))),
    throughput: {
      type: 'array',
      items: object({ minute: { type: 'string', format: 'date-time' }, completed: integer, failed: integer }),
    },
  }),
  AdminOverview: object({
    queues: { type: 'array', items: ref('QueueSummaryView') },
    workers: {
      type: 'array',
      items: object({
        queue: string,
        id: string,
        name: string,
        addr: string,
        ageSeconds: integer,
        idleSeconds: integer,
      }),
    },
    running: {
      type: 'array',
      items: object({
        analysisId: string,
        teamId: string,
        title: nullableString,
        kind: string,
        model: nullableString,
        worker: nullableString,
        startedAt: nullableString,
        progress: { type: 'object', nullable: true },
      }),
    },
  }),
  AdminJobView: object({
    queue: string,
    id: string,
    name: string,
    state: string,
    analysisId: nullableString,
    teamId: nullableString,
    teamName: nullableString,
    title: nullableString,
    attemptsMade: integer,
    failedReason: nullableString,
    createdAt: nullableString,
    processedAt: nullableString,
    finishedAt: nullableString,
  }),
  UpdateTeamLimitsBody: z.toJSONSchema(UpdateTeamLimitsBody, {
    target: 'openapi-3.0',
    io: 'input',
  }) as SchemaObject,
  TeamLimitsView: object({
    teamId: string,
    teamName: string,
    maxActiveJobs: { type: 'integer', nullable: true },
    maxStorageBytes: { type: 'integer', nullable: true },
    effective: object({ maxActiveJobs: integer, maxStorageBytes: integer }),
    defaults: object({ maxActiveJobs: integer, maxStorageBytes: integer }),
    usage: object({ activeJobs: integer, storageBytes: integer }),
  }),
} satisfies Record<string, SchemaObject>;
