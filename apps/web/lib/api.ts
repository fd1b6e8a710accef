import type { ErrorResponse } from '@spillover/contracts';

/** A failed API request, with the API's error body (code, message, details naming row/column/unit/field). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly issues: { path: string; message: string }[];

  constructor(status: number, body: Partial<ErrorResponse>) {
    super(body.message ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'INTERNAL';
    this.details = body.details ?? {};
    this.issues = body.issues ?? [];
  }
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  body?: Blob | string;
  contentType?: string;
  signal?: AbortSignal;
}

/** Calls the API through the portal's same-origin proxy (`/api/...`); throws ApiError on a non-2xx answer. */
export async function api<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined = request.body;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.contentType) {
    headers['content-type'] = request.contentType;
  }
  const response = await fetch(`/api${path}`, {
    method: request.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    credentials: 'same-origin',
    cache: 'no-store',
    signal: request.signal,
  });
  const text = await response.text();
  const parsed: unknown = text ? parseJson(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, errorBody(response, parsed, text));
  return parsed as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorBody(response: Response, parsed: unknown, text: string): Partial<ErrorResponse> {
  if (parsed && typeof parsed === 'object') {
    const body = parsed as Partial<ErrorResponse> & { message?: unknown };
    // Framework errors may carry a list of messages.
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    return { ...body, message: typeof message === 'string' ? message : undefined };
  }
  if (response.status === 413) {
    return { code: 'FILE_TOO_LARGE', message: 'The file is larger than the upload limit.' };
  }
  return { message: text.trim() || `${response.status} ${response.statusText}` };
}

/** Field named by an API error (`spec.x[1]`, `x[1]`, `y`, details.field) → the top-level spec field (`x`, `y`). */
export function errorField(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const field = path.replace(/^(body\.)?spec[./]?/, '').split(/[.[/]/)[0];
  return field || undefined;
}
