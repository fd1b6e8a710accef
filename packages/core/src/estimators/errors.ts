/**
 * Errors of the estimators. They carry the same stable codes as the platform's error codes
 * (the analysis layer turns them into `SpilloverError`), but the estimators stay free of contracts.
 */
export type EstimationErrorCode = 'SINGULAR_DESIGN' | 'INSUFFICIENT_DATA' | 'NON_CONVERGENCE' | 'UNSUPPORTED';

export class EstimationError extends Error {
  readonly code: EstimationErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: EstimationErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'EstimationError';
    this.code = code;
    this.details = details;
  }
}
