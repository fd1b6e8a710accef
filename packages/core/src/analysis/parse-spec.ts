/**
 * Parsing of an analysis spec (contract v1) with messages that name the field.
 */
import { AnalysisSpec, SpilloverError } from '@spillover/contracts';

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Validates unknown JSON as an AnalysisSpec, filling in defaults.
 * Throws SpilloverError('INVALID_SPEC', '<field>: <problem>', { field }) on the first problem.
 */
export function parseAnalysisSpec(json: unknown): AnalysisSpec {
  const parsed = AnalysisSpec.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let field = fieldPath(issue.path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      field = fieldPath([...issue.path, keys[0]!]);
      message = `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
    }
    throw new SpilloverError('INVALID_SPEC', field ? `${field}: ${message}` : message, {
      field: field || undefined,
    });
  }
  return parsed.data;
}
