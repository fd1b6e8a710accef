import { SpilloverError } from '@spillover/contracts';

/** The CSV text of uploaded bytes: UTF-8 (a byte-order mark is dropped); anything else is refused. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SpilloverError('MALFORMED_CSV', 'the file is not valid UTF-8 text; save the CSV as UTF-8');
  }
}
