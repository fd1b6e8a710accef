import { z } from 'zod';
import { AnalysisStatus } from './jobs.js';
import type { AnalysisSpec } from './spec.js';

/** Listing analyses, comparing models side by side, exporting tables and tracing where a result came from. */

const uuid = (field: string) => z.string().uuid(`${field} must be a UUID`);
const isoDate = (field: string) =>
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${field} must be a date (YYYY-MM-DD or ISO 8601)`);

/** Query of `GET /analyses`: every filter is optional; without `limit` every match is returned. */
export const AnalysisListQuery = z.strictObject({
  teamId: uuid('teamId').optional(),
  datasetId: uuid('datasetId').optional(),
  kind: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  status: AnalysisStatus.optional(),
  /** User id of the author. */
  createdBy: uuid('createdBy').optional(),
  /** Created at or after this instant (a bare date means its start, UTC). */
  from: isoDate('from').optional(),
  /** Created before the end of this day (a bare date) or before this instant. */
  to: isoDate('to').optional(),
  /** Case-insensitive text search in the title. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AnalysisListQuery = z.infer<typeof AnalysisListQuery>;

/** Response header of `GET /analyses` with the number of matches before `limit`/`offset`. */
export const totalCountHeader = 'x-total-count';

const label = z.string().trim().max(200);

export const CreateComparisonBody = z.strictObject({
  teamId: uuid('teamId'),
  title: z.string().trim().min(1).max(200),
  /** Analyses in column order; every one must be a succeeded regression of the team. */
  analysisIds: z
    .array(uuid('analysisIds[]'))
    .min(1, 'a comparison needs at least one analysis')
    .max(12, 'a comparison holds at most 12 models')
    .refine((ids) => new Set(ids).size === ids.length, 'an analysis appears twice'),
  /** Column headers, e.g. "(1)"; default "(1)", "(2)", … */
  columnLabels: z.array(label).optional(),
  /** Model titles under the headers; default the model and its fixed effects. */
  modelTitles: z.array(label).optional(),
  /** Term → how to print it, e.g. `{ "lpcap": "Public capital (log)" }`; spatial lags follow as W·label. */
  variableLabels: z.record(z.string(), label).optional(),
});
export type CreateComparisonBody = z.infer<typeof CreateComparisonBody>;

export const UpdateComparisonBody = CreateComparisonBody.omit({ teamId: true }).partial();
export type UpdateComparisonBody = z.infer<typeof UpdateComparisonBody>;

export interface ComparisonView {
  id: string;
  teamId: string;
  title: string;
  analysisIds: string[];
  columnLabels: string[];
  modelTitles: string[];
  variableLabels: Record<string, string>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * One cell of a comparison table. Estimates carry `value` with `se`, `p` and `stars`; statistics carry
 * `value`; specification rows (fixed effects, weights) carry `text`. Numbers are the stored ones, unrounded.
 */
export interface TableCell {
  value?: number;
  se?: number;
  p?: number;
  stars?: string;
  text?: string;
}

export interface TableRow {
  /** Stable key: the term name (`lpcap`, `W*lpcap`), `rho`, `nobs`, `effects.unit`… */
  key: string;
  label: string;
  /** `estimate`: value (se) with stars; `number`: a statistic; `integer`: a count; `text`: specification. */
  format: 'estimate' | 'number' | 'integer' | 'text';
  /** One per column; null where the model has no such row. */
  cells: (TableCell | null)[];
}

export interface TableSection {
  id:
    | 'coefficients'
    | 'spatial'
    | 'direct'
    | 'indirect'
    | 'total'
    | 'directLongRun'
    | 'indirectLongRun'
    | 'totalLongRun'
    | 'specification'
    | 'statistics';
  title: string;
  rows: TableRow[];
}

export interface TableColumn {
  analysisId: string;
  /** Header, e.g. "(1)". */
  label: string;
  /** Title under the header, e.g. "FE two-way". */
  title: string;
  /** Dependent variable of the model. */
  dependent: string;
}

/** A table of one or more models, as every export renders it. */
export interface ComparisonTable {
  title: string;
  columns: TableColumn[];
  sections: TableSection[];
  /** Decimals shown. */
  digits: number;
  /** Significance levels of the stars, most to least demanding. */
  starLevels: { stars: string; p: number }[];
  /** Lines under the table: standard errors, stars with their levels, the estimator per column. */
  notes: string[];
}

export const exportFormats = ['latex', 'docx', 'csv', 'markdown'] as const;
export const ExportQuery = z.strictObject({
  format: z.enum(exportFormats),
  /** CSV only: every number at full precision instead of the displayed decimals. */
  raw: z.enum(['true', 'false', '1', '0']).optional(),
  digits: z.coerce.number().int().min(0).max(10).optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
export type ExportFormat = (typeof exportFormats)[number];

/** The code that ran: the root package.json version and the git commit of the build ("unknown" without one). */
export interface CodeVersion {
  version: string;
  commit: string;
}

/** Everything needed to say exactly how a result was made, and to make it again. */
export interface AnalysisProvenance {
  analysisId: string;
  status: AnalysisStatus;
  dataset: {
    id: string;
    name: string;
    version: number;
    sha256: string;
    sizeBytes: number;
    createdAt: string;
  };
  weights: { id: string; name: string; version: number; sha256: string } | null;
  spec: AnalysisSpec;
  code: CodeVersion;
  /** Every `seed` of the spec with its path (impacts, bootstrap, permutations). */
  seeds: { path: string; seed: number }[];
  worker: string | null;
  queue: string;
  jobId: string;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** The analysis this one re-ran, if any. */
  rerunOf: string | null;
}
