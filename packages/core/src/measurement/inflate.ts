/**
 * DEFLATE decompression (RFC 1951) in plain TypeScript, so core reads ZIP archives without node:zlib.
 * Canonical Huffman codes are decoded with per-length counts and symbol lists (the method of
 * Mark Adler's reference decoder "puff"). The output is capped: passing `limit` bytes throws
 * `InflateLimitError` at once, so a decompression bomb never fills memory.
 */

export class InflateLimitError extends Error {
  constructor(readonly limit: number) {
    super(`inflated data exceeds ${limit} bytes`);
    this.name = 'InflateLimitError';
  }
}

export class InflateFormatError extends Error {
  constructor(message: string) {
    super(`invalid deflate data: ${message}`);
    this.name = 'InflateFormatError';
  }
}

const MAX_BITS = 15;
/** Base lengths and extra bits of length codes 257..285 (RFC 1951 §3.2.5). */
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/** Base distances and extra bits of distance codes 0..29. */
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** Order in which code-length code lengths are sent (§3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman {
  /** Number of codes of each length 0..15. */
  count: Uint16Array;
  /** Symbols ordered by code. */
  symbol: Uint16Array;
}

function buildHuffman(lengths: Uint8Array, n: number): Huffman {
  const count = new Uint16Array(MAX_BITS + 1);
  for (let s = 0; s < n; s++) count[lengths[s]!]++;
  const offsets = new Uint16Array(MAX_BITS + 1);
  for (let len = 1; len < MAX_BITS; len++) offsets[len + 1] = offsets[len]! + count[len]!;
  const symbol = new Uint16Array(n);
  for (let s = 0; s < n; s++) if (lengths[s] !== 0) symbol[offsets[lengths[s]!]++] = s;
  // an over-subscribed set of lengths cannot be a prefix code
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = left * 2 - count[len]!;
    if (left < 0) throw new InflateFormatError('over-subscribed Huffman code');
  }
  return { count, symbol };
}

let fixedLiteral: Huffman | undefined;
let fixedDistance: Huffman | undefined;

function fixedCodes(): [Huffman, Huffman] {
  if (!fixedLiteral || !fixedDistance) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixedLiteral = buildHuffman(lengths, 288);
    fixedDistance = buildHuffman(new Uint8Array(30).fill(5), 30);
  }
  return [fixedLiteral, fixedDistance];
}

class Inflater {
  private position = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  private out: Uint8Array;
  private length = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly limit: number,
    sizeHint: number,
  ) {
    this.out = new Uint8Array(Math.max(1024, Math.min(sizeHint, limit)));
  }

  private bits(need: number): number {
    let value = this.bitBuffer;
    while (this.bitCount < need) {
      if (this.position >= this.input.length) throw new InflateFormatError('unexpected end of data');
      value |= this.input[this.position++]! << this.bitCount;
      this.bitCount += 8;
    }
    this.bitBuffer = value >>> need;
    this.bitCount -= need;
    return value & ((1 << need) - 1);
  }

  private push(byte: number): void {
    if (this.length === this.out.length) this.grow(this.length + 1);
    this.out[this.length++] = byte;
  }

  private grow(needed: number): void {
    if (needed > this.limit) throw new InflateLimitError(this.limit);
    const next = new Uint8Array(Math.min(this.limit, Math.max(needed, this.out.length * 2)));
    next.set(this.out.subarray(0, this.length));
    this.out = next;
  }

  private decode(code: Huffman): number {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      value |= this.bits(1);
      const count = code.count[len]!;
      if (value - count < first) return code.symbol[index + (value - first)]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw new InflateFormatError('invalid Huffman code');
  }

  private stored(): void {
    this.bitBuffer = 0;
    this.bitCount = 0;
    if (this.position + 4 > this.input.length) throw new InflateFormatError('unexpected end of data');
    const len = this.input[this.position]! | (this.input[this.position + 1]! << 8);
    const complement = this.input[this.position + 2]! | (this.input[this.position + 3]! << 8);
    this.position += 4;
    if (len !== (~complement & 0xffff)) {
      throw new InflateFormatError('stored block length does not match its complement');
    }
    if (this.position + len > this.input.length) throw new InflateFormatError('unexpected end of data');
    if (this.length + len > this.out.length) this.grow(this.length + len);
    this.out.set(this.input.subarray(this.position, this.position + len), this.length);
    this.length += len;
    this.position += len;
  }

  private codes(literal: Huffman, distance: Huffman): void {
    for (;;) {
      const symbol = this.decode(literal);
      if (symbol < 256) {
        this.push(symbol);
        continue;
      }
      if (symbol === 256) return;
      const l = symbol - 257;
      if (l >= 29) throw new InflateFormatError('invalid length code');
      const len = LENGTH_BASE[l]! + this.bits(LENGTH_EXTRA[l]!);
      const d = this.decode(distance);
      if (d >= 30) throw new InflateFormatError('invalid distance code');
      const dist = DIST_BASE[d]! + this.bits(DIST_EXTRA[d]!);
      if (dist > this.length) throw new InflateFormatError('distance too far back');
      if (this.length + len > this.out.length) this.grow(this.length + len);
      // byte by byte: the source may overlap the bytes being written
      for (let k = 0; k < len; k++, this.length++) this.out[this.length] = this.out[this.length - dist]!;
    }
  }

  private dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new InflateFormatError('too many length or distance codes');
    const lengths = new Uint8Array(320);
    for (let k = 0; k < ncode; k++) lengths[CODE_LENGTH_ORDER[k]!] = this.bits(3);
    const lengthCode = buildHuffman(lengths, 19);
    lengths.fill(0);
    let index = 0;
    while (index < nlen + ndist) {
      const symbol = this.decode(lengthCode);
      if (symbol < 16) {
        lengths[index++] = symbol;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (symbol === 16) {
        if (index === 0) throw new InflateFormatError('repeat with no previous length');
        value = lengths[index - 1]!;
        repeat = 3 + this.bits(2);
      } else if (symbol === 17) repeat = 3 + this.bits(3);
      else repeat = 11 + this.bits(7);
      if (index + repeat > nlen + ndist) throw new InflateFormatError('too many code lengths');
      lengths.fill(value, index, index + repeat);
      index += repeat;
    }
    if (lengths[256] === 0) throw new InflateFormatError('no end-of-block code');
    const literal = buildHuffman(lengths.subarray(0, nlen), nlen);
    const distance = buildHuffman(lengths.subarray(nlen, nlen + ndist), ndist);
    this.codes(literal, distance);
  }

  run(): Uint8Array {
    let last: number;
    do {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(...fixedCodes());
      else if (type === 2) this.dynamic();
      else throw new InflateFormatError('invalid block type 3');
    } while (!last);
    return this.out.slice(0, this.length);
  }
}

/**
 * Inflates raw DEFLATE data (no zlib or gzip header). Throws InflateLimitError when the output
 * would exceed `limit` bytes and InflateFormatError for corrupt data. `sizeHint` presizes the output.
 */
export function inflateRaw(input: Uint8Array, limit: number, sizeHint = input.length * 4): Uint8Array {
  return new Inflater(input, limit, sizeHint).run();
}
