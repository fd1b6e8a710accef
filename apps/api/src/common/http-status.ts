import type { ErrorCode } from '@spillover/contracts';

/** The HTTP status of each error code; 500 marks a failure of the platform, not of the request. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_SPEC':
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'FILE_TOO_LARGE':
      return 413;
    case 'LIMIT_EXCEEDED':
      return 429;
    case 'UNKNOWN_COLUMN':
    case 'EMPTY_FILE':
    case 'MALFORMED_CSV':
    case 'DUPLICATE_ROW':
    case 'NON_NUMERIC_CELL':
    case 'MISSING_COLUMN':
    case 'UNSUPPORTED':
    // these three also describe an uploaded file or a spec, when a check of the API raises them
    case 'INSUFFICIENT_DATA':
    case 'INVALID_WEIGHTS':
    case 'UNBALANCED_PANEL':
      return 422;
    case 'SINGULAR_DESIGN':
    case 'NON_CONVERGENCE':
    case 'WORKER_LOST':
    case 'CANCELLED':
    case 'INTERNAL':
      return 500;
  }
}

/** The error code of a bare HTTP status (Nest's own exceptions, body-parser errors). */
export function errorCodeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'FILE_TOO_LARGE';
    case 429:
      return 'LIMIT_EXCEEDED';
    case 415:
    case 422:
      return 'UNSUPPORTED';
    default:
      return 'INTERNAL';
  }
}
