import { SpilloverError, type ErrorCode } from '@spillover/contracts';
import type { z } from 'zod';

export interface Issue {
  path: string;
  message: string;
}

/** `spec.x[1]` from `['spec', 'x', 1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** One issue per offending field; an unknown key is reported at its own path. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatPath([...issue.path, key]),
          message: `unknown field "${key}"`,
        }))
      : [{ path: formatPath(issue.path) || '(body)', message: issue.message }],
  );
}

/** The SpilloverError of a failed parse: the message names every field, `details.issues` lists them. */
export function validationError(error: z.ZodError, code: ErrorCode = 'VALIDATION_FAILED'): SpilloverError {
  const issues = zodIssues(error);
  const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new SpilloverError(code, message, { field: issues[0]?.path, issues });
}

/** Parses `value` or throws the SpilloverError naming the fields. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code: ErrorCode = 'VALIDATION_FAILED',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, code);
  return parsed.data;
}
