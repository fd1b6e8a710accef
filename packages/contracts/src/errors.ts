/**
 * Error codes the outside world can see. Every failure of an analysis, an upload or a request carries
 * one of these, a message that names the offending field, column, row, cell or unit, and details.
 */
export const errorCodes = [
  'INVALID_SPEC',
  'UNKNOWN_COLUMN',
  'EMPTY_FILE',
  'MALFORMED_CSV',
  'DUPLICATE_ROW',
  'NON_NUMERIC_CELL',
  'MISSING_COLUMN',
  'INSUFFICIENT_DATA',
  'SINGULAR_DESIGN',
  'NON_CONVERGENCE',
  'INVALID_WEIGHTS',
  'UNBALANCED_PANEL',
  'UNSUPPORTED',
  'FILE_TOO_LARGE',
  /** A per-team limit (running/queued jobs) is reached: 429, the message names the limit. */
  'LIMIT_EXCEEDED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'VALIDATION_FAILED',
  'WORKER_LOST',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Where an error points: any of these that apply. */
export interface ErrorDetails {
  field?: string;
  column?: string;
  row?: number;
  unit?: string;
  units?: string[];
  [key: string]: unknown;
}

/** Codes that describe the input: retrying the same input cannot succeed. */
const deterministicCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_SPEC',
  'UNKNOWN_COLUMN',
  'EMPTY_FILE',
  'MALFORMED_CSV',
  'DUPLICATE_ROW',
  'NON_NUMERIC_CELL',
  'MISSING_COLUMN',
  'INSUFFICIENT_DATA',
  'SINGULAR_DESIGN',
  'NON_CONVERGENCE',
  'INVALID_WEIGHTS',
  'UNBALANCED_PANEL',
  'UNSUPPORTED',
  'FILE_TOO_LARGE',
  'VALIDATION_FAILED',
  'CANCELLED',
]);

export function isDeterministicError(code: ErrorCode): boolean {
  return deterministicCodes.has(code);
}

/** The one error type thrown by core, cli, worker and api for a known failure. */
export class SpilloverError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'SpilloverError';
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** How an error travels between processes and is stored with an analysis. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof SpilloverError) return error.toJSON();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; details?: unknown };
    if (typeof e.code === 'string' && (errorCodes as readonly string[]).includes(e.code)) {
      return {
        code: e.code as ErrorCode,
        message: String(e.message),
        details: (e.details ?? {}) as ErrorDetails,
      };
    }
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
