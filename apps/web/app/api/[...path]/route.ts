import type { NextRequest } from 'next/server';

/**
 * Same-origin proxy of the API: `/api/<path>?<query>` → `${API_URL}/<path>?<query>`.
 * Responses are streamed through as they arrive, so server-sent events reach the browser unbuffered.
 */

export const dynamic = 'force-dynamic';

// Hop-by-hop headers, and encodings: fetch decodes bodies, so the decoded body must not claim an encoding.
const requestHeadersDropped = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'accept-encoding',
]);
const responseHeadersDropped = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'set-cookie',
]);

function apiUrl(): string {
  return (process.env.API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
}

async function proxy(request: NextRequest): Promise<Response> {
  const path = request.nextUrl.pathname.replace(/^\/api/, '') || '/';
  const target = `${apiUrl()}${path}${request.nextUrl.search}`;

  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!requestHeadersDropped.has(name)) headers.set(name, value);
  });
  headers.set('x-forwarded-host', request.headers.get('host') ?? '');
  headers.set('x-forwarded-proto', request.nextUrl.protocol.replace(':', ''));

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      // Buffered so the API sees a Content-Length (its upload limit answers 413 before reading everything).
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
      // Closing the page closes the upstream request too (ends event streams).
      signal: request.signal,
    });
  } catch (error) {
    return Response.json(
      {
        statusCode: 502,
        code: 'INTERNAL',
        message: `The API at ${apiUrl()} cannot be reached (${error instanceof Error ? error.message : String(error)})`,
      },
      { status: 502 },
    );
  }

  const responseHeaders = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!responseHeadersDropped.has(name)) responseHeaders.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
  if (upstream.headers.get('content-type')?.startsWith('text/event-stream')) {
    // `no-transform` keeps the server's compression from buffering the stream.
    responseHeaders.set('cache-control', 'no-cache, no-transform');
    responseHeaders.set('x-accel-buffering', 'no');
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders,
  });
}

export {
  proxy as DELETE,
  proxy as GET,
  proxy as HEAD,
  proxy as OPTIONS,
  proxy as PATCH,
  proxy as POST,
  proxy as PUT,
};
