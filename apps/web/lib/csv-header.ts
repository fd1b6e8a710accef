/** Reading a panel CSV's header in the browser, to offer its columns before the upload. */

/** Column names of the first record of `text` (RFC 4180 quoting; a leading byte-order mark is ignored). */
export function parseCsvHeader(text: string): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      names.push(current.trim());
      current = '';
    } else if (char === '\n' || char === '\r') break;
    else current += char;
  }
  names.push(current.trim());
  return names.length === 1 && names[0] === '' ? [] : names;
}

const unitNames =
  /^(unit|id|unit_?id|state|region|country|county|city|province|prefecture|district|municipality|firm|company|name|code|iso\d?|fips|geoid)$/i;
const timeNames = /^(year|yr|time|period|t|date|month|quarter|wave)$/i;

/** Sensible default unit and time columns: by common names, else the first two columns. */
export function guessPanelColumns(columns: string[]): { unit: string; time: string } {
  const time = columns.find((c) => timeNames.test(c)) ?? columns[1] ?? columns[0] ?? '';
  const unit = columns.find((c) => c !== time && unitNames.test(c)) ?? columns.find((c) => c !== time) ?? '';
  return { unit, time };
}

/** Reads just enough of a file for its header line. */
export async function readCsvHeader(file: Blob): Promise<string[]> {
  return parseCsvHeader(await file.slice(0, 64 * 1024).text());
}
