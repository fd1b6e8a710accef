import { StreamableFile } from '@nestjs/common';
import { safeFileName } from '@spillover/export';
import type { Response } from 'express';

/** A download: the bytes (or UTF-8 text) with their type and an attachment file name made safe. */
export function attachment(
  response: Response,
  content: Uint8Array | string,
  type: string,
  fileName: string,
): StreamableFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  response.setHeader('Content-Disposition', `attachment; filename="${safeFileName(fileName)}"`);
  return new StreamableFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    type,
    length: bytes.byteLength,
  });
}
