/**
 * Reading the text files of a ZIP archive (PKWARE APPNOTE 6.3: end-of-central-directory record,
 * central directory, local headers; methods 0 = stored and 8 = deflate) with limits, for keyword
 * counts of uploaded policy texts. Every limit is checked before memory is spent:
 * - `maxEntries` files; `maxEntryBytes` per inflated file; `maxTotalBytes` over all files;
 * - `maxRatio`: an entry may not inflate to more than `maxRatio` × its compressed size (+ 1 KiB),
 *   whatever its header claims — a ZIP bomb is a FILE_TOO_LARGE error naming the entry.
 * Text must be UTF-8 (an optional byte-order mark is dropped): anything else is an error naming
 * the file. CRC-32 and sizes are verified. ZIP64, encryption and other methods are UNSUPPORTED.
 * Directories and macOS metadata (`__MACOSX/`, `._*`, `.DS_Store`) are skipped.
 */
import { SpilloverError } from '@spillover/contracts';
import { InflateFormatError, InflateLimitError, inflateRaw } from './inflate.js';

export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export const defaultArchiveLimits: ArchiveLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 100,
};

export interface ArchiveText {
  /** Path inside the archive. */
  name: string;
  text: string;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, the ZIP and gzip checksum). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Decodes UTF-8 strictly; invalid bytes are an error naming `what`. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new SpilloverError(
      'VALIDATION_FAILED',
      `${what} is not UTF-8 text; save it as UTF-8 and upload it again`,
      { file: what },
    );
  }
}

function corrupt(message: string, entry?: string): SpilloverError {
  return new SpilloverError(
    'VALIDATION_FAILED',
    `ZIP archive${entry ? ` entry "${entry}"` : ''}: ${message}`,
    entry ? { entry } : {},
  );
}

function skipped(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store';
}

/** The text files of a ZIP archive, in central-directory order. */
export function readZipTexts(bytes: Uint8Array, limits: ArchiveLimits = defaultArchiveLimits): ArchiveText[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end-of-central-directory record: 22 bytes plus a comment of up to 65,535
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end-of-central-directory record; is this a ZIP file?');
  const entries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  let at = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || at === 0xffffffff) {
    throw new SpilloverError('UNSUPPORTED', 'ZIP64 archives are not supported; split the archive');
  }
  if (entries > limits.maxEntries) {
    throw new SpilloverError(
      'FILE_TOO_LARGE',
      `the ZIP archive holds ${entries} entries; at most ${limits.maxEntries} are allowed`,
      { entries },
    );
  }
  if (at + directorySize > eocd) throw corrupt('the central directory lies outside the file');

  const out: ArchiveText[] = [];
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) {
      throw corrupt(`central directory entry ${k + 1} is damaged`);
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decodeUtf8(bytes.subarray(at + 46, at + 46 + nameLength), `the name of ZIP entry ${k + 1}`);
    at += 46 + nameLength + extraLength + commentLength;
    if (skipped(name)) continue;
    if (flags & 1) {
      throw new SpilloverError('UNSUPPORTED', `ZIP archive entry "${name}" is encrypted`, { entry: name });
    }
    if (method !== 0 && method !== 8) {
      throw new SpilloverError(
        'UNSUPPORTED',
        `ZIP archive entry "${name}" uses compression method ${method}; only stored and deflate are supported`,
        {
          entry: name,
        },
      );
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff) {
      throw new SpilloverError('UNSUPPORTED', `ZIP archive entry "${name}" needs ZIP64`, { entry: name });
    }

    const allowed = Math.min(
      limits.maxEntryBytes,
      limits.maxTotalBytes - total,
      compressedSize * limits.maxRatio + 1024,
    );
    const bomb = () =>
      new SpilloverError(
        'FILE_TOO_LARGE',
        `ZIP archive entry "${name}" inflates beyond ${allowed} bytes (limits: ${limits.maxEntryBytes} per file, ${limits.maxTotalBytes} in all, ${limits.maxRatio}× its compressed size ${compressedSize}); a decompression bomb is refused`,
        { entry: name, compressedSize, declaredSize: size },
      );
    if (size > allowed) throw bomb();

    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== 0x04034b50) {
      throw corrupt('local header is damaged', name);
    }
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw corrupt('data runs past the end of the file', name);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    let content: Uint8Array;
    if (method === 0) {
      content = data;
    } else {
      try {
        content = inflateRaw(data, allowed, size);
      } catch (error) {
        if (error instanceof InflateLimitError) throw bomb();
        if (error instanceof InflateFormatError) throw corrupt(error.message, name);
        throw error;
      }
    }
    if (content.length !== size) {
      throw corrupt(`inflates to ${content.length} bytes, but its header says ${size}`, name);
    }
    if (crc32(content) !== crc) throw corrupt('CRC-32 mismatch (the file is damaged)', name);
    total += content.length;
    out.push({ name, text: decodeUtf8(content, `ZIP archive entry "${name}"`) });
  }
  return out;
}
