import { SpilloverError } from '@spillover/contracts';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';

function tooLarge(limit: number): SpilloverError {
  return new SpilloverError(
    'FILE_TOO_LARGE',
    `the upload is larger than the limit of ${limit} bytes (UPLOAD_MAX_BYTES)`,
    {
      limitBytes: limit,
    },
  );
}

/**
 * Reads a request body of at most `limit` bytes. A declared Content-Length over the limit is refused
 * before reading; a longer stream stops being buffered at the limit and the rest is discarded unread
 * into memory, so the 413 can still reach the client on the same connection.
 */
function readLimitedBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData).off('end', onEnd);
      request.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    const onError = (error: Error) => reject(error);
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * The body reader of a raw-body upload route. A Content-Type outside `types` is refused at once
 * (UNSUPPORTED, saying to send `what` as the body); the returned function reads at most `limit` bytes,
 * so a service can check access before the body is read.
 */
export function rawBodyUpload(
  request: Request,
  types: string[],
  what: string,
  limit: number,
): () => Promise<Buffer> {
  if (!request.is(types)) {
    throw new SpilloverError(
      'UNSUPPORTED',
      `send ${what} as the request body with Content-Type ${types.join(' or ')} (got ${request.headers['content-type'] ?? 'none'})`,
    );
  }
  return () => readLimitedBody(request, limit);
}
