import { describe, expect, it } from 'vitest';
import { decodeValues, encodeValues } from './replication.store.js';

describe('stored chunk values', () => {
  it('round-trip every double exactly, failed replications as null', () => {
    const values = [0.1 + 0.2, -1e-300, null, Number.MAX_VALUE, 5e-324, 1 / 3, null];
    const bytes = encodeValues(values);
    expect(bytes.byteLength).toBe(values.length * 8);
    const decoded = decodeValues(Buffer.from(bytes));
    expect(decoded).toEqual(values);
    decoded.forEach((v, i) => expect(Object.is(v, values[i])).toBe(true));
  });
});
