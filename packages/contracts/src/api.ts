import { z } from 'zod';
import { AnalysisSpec } from './spec.js';
import { AnalysisStatus, Progress } from './jobs.js';
import type { AnalysisResult } from './result.js';
import type { SerializedError } from './errors.js';
import type { DatasetRecipe } from './derived-datasets.js';

/** Request bodies and response views of the HTTP API. */

export const SignUpBody = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(8, 'password needs at least 8 characters').max(256),
  name: z.string().trim().min(1).max(120),
  /** A new user gets a team of their own; this names it. */
  teamName: z.string().trim().min(1).max(120).optional(),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

export const LoginBody = z.strictObject({
  email: z.string().trim().toLowerCase(),
  password: z.string().min(1),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const CreateTeamBody = z.strictObject({ name: z.string().trim().min(1).max(120) });
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

export const AddMemberBody = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  role: z.enum(['owner', 'member']).default('member'),
});
export type AddMemberBody = z.infer<typeof AddMemberBody>;

export type TeamRole = 'owner' | 'member';

export interface TeamView {
  id: string;
  name: string;
  role: TeamRole;
}

/** A member of a team, as its members see it. */
export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export interface MeView {
  user: UserView;
  teams: TeamView[];
}

export interface ColumnReport {
  name: string;
  type: 'numeric' | 'text';
  missing: number;
  /** For a text column: its first non-numeric cell (CSV line number incl. header, and the value). */
  firstTextCell?: { row: number; value: string };
}

/** What an upload learns about a panel; shown to the user before any analysis. */
export interface ValidationReport {
  rows: number;
  unitColumn: string;
  timeColumn: string;
  units: number;
  periods: number;
  timeValues: (string | number)[];
  balanced: boolean;
  /** Unit-periods absent from an unbalanced panel (the first few). */
  missingUnitPeriods: { unit: string; time: string | number }[];
  missingUnitPeriodCount: number;
  columns: ColumnReport[];
}

export interface DatasetView {
  id: string;
  teamId: string;
  name: string;
  version: number;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
  createdBy: string;
  report: ValidationReport;
  /** Provenance of a version made by the platform (a measurement's output, uploaded texts); null for an uploaded panel. */
  sourceDatasetId?: string | null;
  sourceAnalysisId?: string | null;
  recipe?: DatasetRecipe | null;
}

/** Query of `POST /datasets`; the body is the CSV itself (text/csv). */
export const UploadDatasetQuery = z.strictObject({
  teamId: z.string().uuid(),
  name: z.string().trim().min(1).max(200),
  unit: z.string().min(1),
  time: z.string().min(1),
});
export type UploadDatasetQuery = z.infer<typeof UploadDatasetQuery>;

export const CreateAnalysisBody = z.strictObject({
  datasetId: z.string().uuid(),
  spec: AnalysisSpec,
  title: z.string().trim().max(200).optional(),
  /**
   * Measurement kinds (entropy-index, location-quotient, keyword-count, transform) store their panel with
   * the new columns as a new dataset version: of this name, else of the source dataset's name.
   */
  derivedDatasetName: z.string().trim().min(1).max(200).optional(),
});
export type CreateAnalysisBody = z.infer<typeof CreateAnalysisBody>;

export interface AnalysisTimings {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface AnalysisView extends AnalysisTimings {
  id: string;
  teamId: string;
  datasetId: string;
  title: string | null;
  kind: string;
  model: string | null;
  status: AnalysisStatus;
  progress: Progress | null;
  spec: AnalysisSpec;
  result: AnalysisResult | null;
  error: SerializedError | null;
  attempts: number;
  createdBy: string;
  /** The dataset version a succeeded measurement analysis stored (its panel with the new columns). */
  derivedDatasetId?: string | null;
}

/** Server-sent events of `GET /analyses/:id/events`: event name → data. */
export interface AnalysisEvents {
  progress: Progress;
  status: Pick<AnalysisView, 'id' | 'status' | 'error'>;
}

/** Every error response of the API. */
export interface ErrorResponse {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  issues?: { path: string; message: string }[];
}
