/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018), 32-bit state words so it runs
 * on plain JavaScript numbers. The state is filled by SplitMix32 from (seed, stream), so replication
 * r of a simulation can draw from its own stream and any chunking of replications gives the same numbers.
 */
export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  next(): number;
  /** Standard normal (Marsaglia polar method). */
  normal(): number;
}

function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A generator for (seed, stream); equal arguments give equal sequences. */
export function createRng(seed: number, stream = 0): Rng {
  const mix = { s: (Math.imul(seed | 0, 0x27d4eb2d) ^ Math.imul((stream | 0) + 0x165667b1, 0x9e3779b1)) | 0 };
  // fold in the high bits of seeds beyond 32 bits
  mix.s ^= Math.floor(seed / 4294967296) | 0;
  let s0 = splitMix32(mix);
  let s1 = splitMix32(mix);
  let s2 = splitMix32(mix);
  let s3 = splitMix32(mix);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const next = (): number => {
    const high = nextUint32() >>> 5; // 27 bits
    const low = nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  };

  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    let u: number, v: number, q: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const factor = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * factor;
    return u * factor;
  };

  return { next, normal };
}
