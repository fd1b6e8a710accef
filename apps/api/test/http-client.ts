import { inject } from 'vitest';

export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A browser-like client of the running API: keeps the session cookie between requests. */
export class ApiClient {
  cookie: string | undefined;

  /** The API of the test run by default; another one (e.g. an embedded-mode API) when given. */
  constructor(readonly baseUrl: string = inject('apiUrl')) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; body?: BodyInit; contentType?: string } = {},
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.contentType) headers['content-type'] = options.contentType;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body,
      duplex: 'half',
    } as RequestInit);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('application/json');
    return {
      status: response.status,
      headers: response.headers,
      body: (isJson && text ? JSON.parse(text) : text) as T,
    };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, json?: unknown) {
    return this.request<T>('POST', path, { json });
  }

  uploadCsv<T = any>(query: Record<string, string>, csv: string | Buffer, contentType = 'text/csv') {
    return this.request<T>('POST', `/datasets?${new URLSearchParams(query)}`, { body: csv, contentType });
  }
}

let counter = 0;

/** Signs up a new user with a unique email; returns the client and the personal team id. */
export async function signUp(name: string): Promise<{ client: ApiClient; teamId: string; email: string }> {
  const client = new ApiClient();
  const email = `${name.toLowerCase()}-${Date.now()}-${counter++}@example.org`;
  const response = await client.post('/auth/signup', { email, password: 'a long password', name });
  if (response.status !== 201)
    throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { client, teamId: response.body.teams[0].id, email };
}
