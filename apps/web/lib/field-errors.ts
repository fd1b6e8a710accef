import { ApiError, errorField } from './api';

/** Messages of an API error keyed by the top-level field they name (`issues[].path` or `details.field`). */
export function fieldErrors(error: ApiError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error) return out;
  for (const issue of error.issues) {
    const field = errorField(issue.path);
    if (field) out[field] = out[field] ? `${out[field]}; ${issue.message}` : issue.message;
  }
  const detailField = typeof error.details.field === 'string' ? errorField(error.details.field) : undefined;
  if (detailField && !out[detailField]) out[detailField] = error.message;
  return out;
}

/** Whether the form shows the error next to one of its fields (else it is shown as a whole). */
export function placedOnField(errors: Record<string, string>, fields: readonly string[]): boolean {
  return fields.some((field) => errors[field] !== undefined);
}
